package io.alertstream.topology.notify;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One record of the {@code notifications} topic, keyed by {@code id}: what one channel of one receiver
 * is to deliver. The contract the email and webhook sink connectors read (connectors/README.md).
 *
 * @param id        unique per notification and channel, and the same when a replay computes it again
 *                  (the email Message-ID and the webhook Idempotency-Key)
 * @param kind      {@code firing} (news of firing alerts), {@code resolved} (all of the group's news is
 *                  resolutions), {@code repeat} (reminder of alerts still firing), {@code digest}, or a silence notice
 * @param alerts    alert objects as on the alerts topic; for a digest, one entry per active alarm
 * @param omittedAlerts how many more alerts the group or digest holds than are listed ("+N more"); absent when none
 *                  ({@code alertstream.notify.max.alerts.per.notification} bounds the list, so the record stays small)
 * @param silence   for the notices to a silence's creator ({@code silence-started}, {@code silence-ended},
 *                  {@code silenced-alert-resolved}): the silence; absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Notification(String id, String receiver, String channel, String kind, Email email, Webhook webhook,
                           String groupKey, Map<String, String> groupLabels, String createdAt, List<?> alerts,
                           Integer omittedAlerts, io.alertstream.topology.silence.Silence silence) {
    public static final String EMAIL = "email";

    /** A notification of alerts (no silence). */
    public Notification(String id, String receiver, String channel, String kind, Email email, Webhook webhook, String groupKey,
                        Map<String, String> groupLabels, String createdAt, List<?> alerts, Integer omittedAlerts) {
        this(id, receiver, channel, kind, email, webhook, groupKey, groupLabels, createdAt, alerts, omittedAlerts, null);
    }
    public static final String WEBHOOK = "webhook";

    public record Email(List<String> to, List<String> cc, List<String> bcc) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Webhook(String url, String format, Long timeoutMs) {
    }
}
