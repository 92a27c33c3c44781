package io.alertstream.topology.notify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One acknowledgement on the compacted {@code acks} topic, keyed by alert key (the latest per alert is
 * what counts). Written by the API's {@code POST /v1/alerts/{key}/ack}, read by the engine into a global
 * store ({@link AckStoreUpdater}) that the escalation stage asks when an escalation is due.
 *
 * @param startsAt the {@code startsAt} of the firing episode acknowledged: an ack stops the escalations of
 *                 that episode only, so after a resolution a new FIRING (a new {@code startsAt}) escalates again
 * @param user     who acknowledged
 * @param at       when (ISO-8601, the API's clock)
 * @param id       unique per acknowledgement (the API's history lists each once)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Ack(String alertKey, String startsAt, String user, String at, String id) {

    /** Whether this ack stops the escalations of the alert's firing episode that started at {@code episode}. */
    public boolean covers(String episode) {
        return startsAt != null && startsAt.equals(episode);
    }
}
