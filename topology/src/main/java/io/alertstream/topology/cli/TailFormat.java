package io.alertstream.topology.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.deadletter.DeadLetterView;
import io.alertstream.topology.rules.Numbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One readable line per record of an alertstream topic, for {@code alertstream tail}. Works on the JSON
 * tree, not the Java records, so a record of a newer or broken shape is still shown (raw) rather than
 * stopping the tail.
 */
enum TailFormat {
    ALERTS {
        @Override
        String line(JsonNode a, ConsumerRecord<byte[], byte[]> r) {
            String status = text(a, "status");
            String previous = text(a, "previousLevel");
            String level = "RESOLVED".equals(status) ? "(was " + previous + ")"
                    : "-".equals(previous) || previous.equals(text(a, "level")) ? text(a, "level")
                    : text(a, "level") + ("critical".equals(previous) ? " (down from " : " (up from ") + previous + ")";
            String comparison = "RESOLVED".equals(status) ? " <= " : " > ";
            // An absence alert has no value to compare: it says so in its summary.
            String value = a.path("value").isNumber() ? "value " + number(a, "value") + comparison + number(a, "threshold") + "  " : "";
            return String.format("%s  %-8s %-10s %s  %s%s", text(a, "at"), status, level, text(a, "alertKey"),
                    value, text(a, "summary"));
        }
    },
    NOTIFICATIONS {
        @Override
        String line(JsonNode n, ConsumerRecord<byte[], byte[]> r) {
            String to = n.path("email").isObject() ? "to " + n.path("email").path("to")
                    : n.path("webhook").isObject() ? "to " + text(n.path("webhook"), "url") : "";
            int alerts = n.path("alerts").size();
            return String.format("%s  %-7s %-8s %s %s  %d alert(s)  %s", text(n, "createdAt"), text(n, "channel"), text(n, "kind"),
                    text(n, "receiver"), to, alerts, text(n, "groupKey"));
        }
    },
    DIGESTS {
        @Override
        String line(JsonNode d, ConsumerRecord<byte[], byte[]> r) {
            List<String> alarms = new ArrayList<>();
            for (JsonNode a : d.path("ActiveAlarms")) {
                alarms.add(text(a, "AlarmID") + " " + text(a, "Status"));
            }
            String shown = alarms.size() <= 5 ? String.join(", ", alarms)
                    : String.join(", ", alarms.subList(0, 5)) + ", … (" + (alarms.size() - 5) + " more)";
            return String.format("digest for %s: %d active alarm(s)%s", text(d, "UserID"), alarms.size(),
                    alarms.isEmpty() ? "" : ": " + shown);
        }
    },
    COUNTERS {
        @Override
        String line(JsonNode c, ConsumerRecord<byte[], byte[]> r) {
            return String.format("%s  %s  [%s, %s)  value %s  (%s events)", text(c, "ruleId"), text(c, "groupKey"),
                    text(c, "windowStart"), text(c, "windowEnd"), number(c, "value"), number(c, "count"));
        }
    },
    DLQ {
        @Override
        String format(ConsumerRecord<byte[], byte[]> r) {
            DeadLetterView v = DeadLetterView.of(r);
            return String.format("%s  from %s  %s  | %s", v.reason(), v.origin(), preview(v.message(), 160),
                    preview(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8), 160));
        }

        @Override
        String line(JsonNode tree, ConsumerRecord<byte[], byte[]> r) {
            throw new UnsupportedOperationException("dead letters are formatted from their headers");
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    abstract String line(JsonNode tree, ConsumerRecord<byte[], byte[]> r);

    /** The line for a record; never throws, an unreadable record is shown raw. */
    String format(ConsumerRecord<byte[], byte[]> r) {
        String raw = r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8);
        try {
            JsonNode tree = JSON.readTree(raw);
            if (tree != null && tree.isObject()) {
                return line(tree, r);
            }
        } catch (Exception e) {
            // shown raw below
        }
        return "(not a " + name().toLowerCase(java.util.Locale.ROOT) + " record) " + preview(raw, 300);
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? "-" : v.isTextual() ? v.asText() : v.toString();
    }

    static String number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? Numbers.format(v.asDouble()) : text(n, field);
    }

    static String preview(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ').replace('\r', ' ');
        return one.length() <= max ? one : one.substring(0, max) + "… (" + one.length() + " chars)";
    }
}
