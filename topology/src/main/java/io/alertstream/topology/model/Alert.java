package io.alertstream.topology.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * One alert transition on the {@code alerts} topic (the output contract; field names are public API).
 *
 * @param id        unique per transition and stable on replay (a name-based UUID of the transition)
 * @param status    FIRING or RESOLVED
 * @param level     the level after the transition; null when RESOLVED
 * @param value     the window value that caused the transition (null when the window had no value)
 * @param threshold the threshold crossed (for RESOLVED, the clear threshold of the previous level)
 * @param startsAt  event time at which the alert went from OK to firing
 * @param at        event time of the transition: of the event that crossed a level (not before the watermark
 *                  when it arrived), or the close time of the window that decided; strictly increasing over
 *                  one alert's transitions, so ordering by it never takes a later transition for a stale one
 * @param flapping  only in notifications: true on the one notice that tells an alert is flapping (changing
 *                  state too often; its news is held until it settles); absent everywhere else
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Alert(String id, String alertKey, String ruleId, String status, String level, String previousLevel,
                    Map<String, Object> group, Double value, Double threshold, AlertWindow window, String startsAt,
                    String at, String summary, Map<String, String> labels, List<String> owners,
                    List<String> recipients,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean flapping) implements Emission {

    /** A transition as the engine emits it (no flapping marker). */
    public Alert(String id, String alertKey, String ruleId, String status, String level, String previousLevel,
                 Map<String, Object> group, Double value, Double threshold, AlertWindow window, String startsAt,
                 String at, String summary, Map<String, String> labels, List<String> owners, List<String> recipients) {
        this(id, alertKey, ruleId, status, level, previousLevel, group, value, threshold, window, startsAt, at, summary, labels,
                owners, recipients, null);
    }

    /** This transition marked as the flapping notice. */
    public Alert asFlapping() {
        return new Alert(id, alertKey, ruleId, status, level, previousLevel, group, value, threshold, window, startsAt, at, summary,
                labels, owners, recipients, Boolean.TRUE);
    }

    /**
     * The one reader of alerts: fields it does not know are skipped, so a reader keeps reading alerts from an engine
     * newer than itself (the router, the digest's bridge and the API's views all read them).
     */
    private static final ObjectReader READER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .readerFor(Alert.class);

    /** The alert in {@code json}, or null for JSON {@code null}. */
    public static Alert fromJson(byte[] json) throws IOException {
        return READER.readValue(json);
    }

    /** The alert in {@code json}, or null for JSON {@code null}. */
    public static Alert fromJson(String json) throws IOException {
        return READER.readValue(json);
    }

    /**
     * Whether this transition happened before {@code other} (by {@code at}); false when either time is missing or
     * unreadable. The notification stages use it so that a transition arriving out of order changes nothing.
     */
    public boolean happenedBefore(Alert other) {
        try {
            return Instant.parse(at).isBefore(Instant.parse(other.at));
        } catch (DateTimeParseException | NullPointerException e) {
            return false;
        }
    }

    public static final String FIRING = "FIRING";
    public static final String RESOLVED = "RESOLVED";

    /** The window the value comes from. */
    public record AlertWindow(String start, String end) {
    }
}
