package io.alertstream.connectors.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.JsonRecordValues;
import io.alertstream.template.Escaper;
import io.alertstream.template.Markup;
import io.alertstream.template.Template;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The placeholder values of notification templates, for {@link Template#render}: lookups that give each
 * name its value as text; the caller renders them through its output's {@link Escaper}.
 *
 * <p>Per alert: any field by dotted path ({@code level}, {@code summary}, {@code value},
 * {@code threshold}, {@code window.start}, {@code labels.team}...; objects and arrays render as JSON) and
 * {@code link}, the alert's link rendered from {@code link.template} with URL-encoded values.
 * Per notification: {@code id}, {@code receiver}, {@code channel}, {@code kind}, {@code groupKey},
 * {@code createdAt}, {@code alertCount}, {@code headline} (see {@link #headline}), values the caller pre-renders (such as the alert list), and
 * otherwise the fields of the first alert, so a subject can say {@code {{level}}: {{summary}}}.
 */
public final class NotificationVariables {
    private NotificationVariables() {
    }

    /**
     * A field of an alert by dotted path, as text; empty when missing. Fractional numbers are shown with
     * four significant digits ({@code 709.6040180466645} → {@code 709.6}), whole ones without a decimal
     * point: these values are read by people.
     */
    public static String alertField(ObjectNode alert, String path) {
        JsonNode node = JsonRecordValues.at(alert, path);
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isNumber()) {
            return readable(node.asDouble());
        }
        return node.isContainerNode() ? node.toString() : node.asText();
    }

    static String readable(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e15 ? rounded.toPlainString() : rounded.toString();
    }

    /**
     * One line that says what the notification is about, for subjects: {@code firing critical: <summary>},
     * {@code still firing warning: …} (a repeat), {@code resolved: <summary>} and {@code digest: 3 active
     * alarms}, with {@code (+N more)} when it carries several alerts; {@code flapping, firing warning: …} for the
     * flapping notice (the first alert has {@code "flapping": true}). Falls back to the alert key when an
     * alert has no summary, and leaves out a level that is missing.
     */
    static String headline(ReceivedNotification notification) {
        int count = notification.alerts().size();
        if ("digest".equals(notification.kind())) {
            return "digest: " + count + " active alarm" + (count == 1 ? "" : "s");
        }
        JsonNode silence = notification.section("silence");
        if (silence instanceof ObjectNode s && !"silenced-alert-resolved".equals(notification.kind())) {
            return silenceHeadline(notification.kind(), s);
        }
        if (count == 0) {
            return notification.kind();
        }
        ObjectNode first = notification.alerts().get(0);
        String summary = alertField(first, "summary");
        if (summary.isBlank()) {
            summary = alertField(first, "alertKey");
        }
        String level = alertField(first, "level");
        String what = switch (notification.kind()) {
            case "resolved" -> "resolved";
            case "repeat" -> "still firing" + (level.isBlank() ? "" : " " + level);
            case "silenced-alert-resolved" -> "silenced alert resolved";
            default -> notification.kind() + (level.isBlank() ? "" : " " + level);
        };
        if ("true".equals(alertField(first, "flapping"))) {
            what = "flapping, " + what; // the one notice of a flapping alert: its news is held until it settles
        }
        // A resolved alert's summary starts with "[RESOLVED] ": the headline already says so.
        if (summary.startsWith(RESOLVED_PREFIX)) {
            summary = summary.substring(RESOLVED_PREFIX.length());
        }
        return what + ": " + summary + (count > 1 ? " (+" + (count - 1) + " more)" : "");
    }

    private static final String RESOLVED_PREFIX = "[RESOLVED] ";

    /**
     * The notices to a silence's creator: {@code silence started: service=checkout, level=critical until
     * 2026-12-24T04:00:00Z (deploy)}, {@code silence ended (resolved): ...}; the silence's id when it has no matchers.
     */
    private static String silenceHeadline(String kind, ObjectNode silence) {
        List<String> matchers = new ArrayList<>();
        silence.path("matchers").forEach(m -> matchers.add(m.asText()));
        String what = matchers.isEmpty() ? silence.path("id").asText() : String.join(", ", matchers);
        String comment = text(silence, "comment");
        String because = comment.isEmpty() ? "" : " (" + comment + ")";
        if ("silence-ended".equals(kind)) {
            String endedBy = text(silence, "ended_by");
            return "silence ended" + (endedBy.isEmpty() ? "" : " (" + endedBy + ")") + ": " + what + because;
        }
        String until = "resolved".equals(text(silence, "until")) ? " until resolved"
                : text(silence, "ends_at").isEmpty() ? "" : " until " + text(silence, "ends_at");
        return ("silence-started".equals(kind) ? "silence started" : kind) + ": " + what + until + because;
    }

    private static String text(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText().trim();
    }

    /** The alert's link from the {@code link.template}; empty when the template is empty. */
    public static String link(ObjectNode alert, Template linkTemplate) {
        return linkTemplate.render(name -> alertField(alert, name), Escaper.URL_COMPONENT);
    }

    /** Lookup for one alert: its fields, and {@code link}. */
    public static Function<String, String> forAlert(ObjectNode alert, Template linkTemplate) {
        return name -> "link".equals(name) ? link(alert, linkTemplate) : alertField(alert, name);
    }

    /**
     * Lookup for the notification; {@code rendered} values (already in the output format, e.g. the alert
     * list) are {@link Markup}, which rendering inserts without escaping.
     */
    public static Function<String, Object> forNotification(ReceivedNotification notification, Map<String, Markup> rendered) {
        return name -> {
            Markup markup = rendered.get(name);
            if (markup != null) {
                return markup;
            }
            String value = switch (name) {
                case "id" -> notification.id();
                case "receiver" -> notification.receiver();
                case "channel" -> notification.channel();
                case "kind" -> notification.kind();
                case "groupKey" -> notification.groupKey();
                case "createdAt" -> notification.createdAt();
                case "alertCount" -> Integer.toString(notification.alerts().size());
                case "headline" -> headline(notification);
                default -> notification.alerts().isEmpty() ? "" : alertField(notification.alerts().get(0), name);
            };
            return value;
        };
    }
}
