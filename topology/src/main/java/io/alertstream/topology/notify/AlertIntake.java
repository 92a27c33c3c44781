package io.alertstream.topology.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alertstream.topology.digest.ChangedAt;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.rules.Level;
import io.alertstream.topology.sourcefile.YamlValues;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one value of the {@code alerts} topic for the notification router. Input: the record's bytes.
 * Output: either an {@link Alert} fit to route (key, rule, status and level present and known; no null
 * label; long label, group and summary values cut to a bound), or a refusal with a stable error type and
 * a message for the dead-letter headers. Never throws: whatever the bytes, the router gets an outcome.
 *
 * <p>The bounds keep what one alert adds to a group key, a {@code notify-by-group} record, a group in the
 * store and a notification small: {@value #MAX_ALERT_BYTES} bytes per alert record,
 * {@value #MAX_VALUE_CHARS} characters per label or group value, {@value #MAX_SUMMARY_CHARS} per summary.
 */
final class AlertIntake {
    /** The largest alert record routed; alertstream's own alerts are a few hundred bytes. */
    static final int MAX_ALERT_BYTES = 64 * 1024;
    /** Label and group values longer than this are cut (with a marker) before routing and grouping. */
    static final int MAX_VALUE_CHARS = 1024;
    static final int MAX_SUMMARY_CHARS = 4096;

    private AlertIntake() {
    }

    /**
     * @param alert   the alert to route, or null when refused
     * @param trimmed whether a value was cut to its bound (the caller counts and logs it)
     */
    record Outcome(Alert alert, String errorType, String message, boolean trimmed) {
        static Outcome refused(String type, String message) {
            return new Outcome(null, type, message, false);
        }
    }

    static Outcome read(byte[] value) {
        if (value == null || value.length == 0) {
            return Outcome.refused("empty", "record has no value; expected a JSON alert");
        }
        if (value.length > MAX_ALERT_BYTES) {
            return Outcome.refused("alert-too-large", "alert of " + value.length + " bytes; at most " + MAX_ALERT_BYTES + " are routed");
        }
        Alert alert;
        try {
            alert = Alert.fromJson(value);
        } catch (IOException | RuntimeException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return Outcome.refused("malformed-alert", "not a JSON alert: " + YamlValues.clip(String.valueOf(why)));
        }
        if (alert == null) {
            return Outcome.refused("malformed-alert", "value is JSON null, not an alert");
        }
        String problem = problem(alert);
        if (problem != null) {
            return Outcome.refused(problem.substring(0, problem.indexOf(':')), problem.substring(problem.indexOf(':') + 2));
        }
        return bounded(alert);
    }

    /** {@code type: message} of what makes the alert unroutable, or null. */
    private static String problem(Alert a) {
        if (a.alertKey() == null || a.alertKey().isBlank()) {
            return "missing-alert-key: alert " + clip(a.id()) + " has no alertKey";
        }
        if (a.alertKey().length() > MAX_VALUE_CHARS) {
            return "alert-key-too-long: alertKey of " + a.alertKey().length() + " characters; at most " + MAX_VALUE_CHARS;
        }
        if (a.ruleId() == null || a.ruleId().isBlank()) {
            return "missing-rule-id: alert " + clip(a.alertKey()) + " has no ruleId";
        }
        boolean firing = Alert.FIRING.equals(a.status());
        if (!firing && !Alert.RESOLVED.equals(a.status())) {
            return "unknown-alert-status: alert " + clip(a.alertKey()) + " has status " + clip(a.status()) + "; expected FIRING or RESOLVED";
        }
        if (firing && Level.fromLabel(String.valueOf(a.level())) == null
                || a.previousLevel() != null && Level.fromLabel(a.previousLevel()) == null) {
            return "unknown-alert-level: alert " + clip(a.alertKey()) + " has level " + clip(a.level()) + " and previousLevel "
                    + clip(a.previousLevel()) + "; expected warning or critical";
        }
        if (a.at() == null || !isTime(a.at())) {
            // The engine stamps every transition; without a readable time neither the grouper nor the digest can
            // tell a newer transition from a replayed one.
            return "bad-alert-time: alert " + clip(a.alertKey()) + " has at " + clip(a.at()) + "; expected an RFC 3339 time";
        }
        if (a.labels() != null) {
            for (Map.Entry<String, String> e : a.labels().entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    return "null-label: alert " + clip(a.alertKey()) + " has a null value for label " + clip(e.getKey());
                }
            }
        }
        return null;
    }

    private static boolean isTime(String text) {
        try {
            ChangedAt.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The alert with long values cut: label and group values, rule id and summary. */
    private static Outcome bounded(Alert a) {
        boolean[] trimmed = {false};
        Map<String, String> labels = null;
        if (a.labels() != null) {
            labels = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : a.labels().entrySet()) {
                labels.put(cut(e.getKey(), MAX_VALUE_CHARS, trimmed), cut(e.getValue(), MAX_VALUE_CHARS, trimmed));
            }
        }
        Map<String, Object> group = null;
        if (a.group() != null) {
            group = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : a.group().entrySet()) {
                Object v = e.getValue();
                // A group value is a scalar from an event; anything else (a nested object) is shown as text.
                Object kept = v == null || v instanceof Number || v instanceof Boolean ? v : cut(String.valueOf(v), MAX_VALUE_CHARS, trimmed);
                group.put(cut(e.getKey(), MAX_VALUE_CHARS, trimmed), kept);
            }
        }
        Alert out = new Alert(a.id(), a.alertKey(), cut(a.ruleId(), MAX_VALUE_CHARS, trimmed), a.status(), a.level(), a.previousLevel(),
                group, a.value(), a.threshold(), a.window(), a.startsAt(), a.at(), cut(a.summary(), MAX_SUMMARY_CHARS, trimmed),
                labels, a.owners(), a.recipients());
        return new Outcome(out, null, null, trimmed[0]);
    }

    private static String cut(String s, int max, boolean[] trimmed) {
        if (s == null || s.length() <= max) {
            return s;
        }
        trimmed[0] = true;
        return s.substring(0, max) + "…[" + (s.length() - max) + " more chars]";
    }

    private static String clip(String s) {
        return YamlValues.clip(String.valueOf(s));
    }
}
