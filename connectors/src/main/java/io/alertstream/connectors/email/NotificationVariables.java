package io.alertstream.connectors.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.JsonRecordValues;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The placeholder values of notification templates, for {@link PlaceholderTemplate#render}.
 *
 * <p>Per alert: any field by dotted path ({@code level}, {@code summary}, {@code value},
 * {@code threshold}, {@code window.start}, {@code labels.team}...; objects and arrays render as JSON) and
 * {@code link}, the alert's link rendered from {@code link.template} with URL-encoded values.
 * Per notification: {@code id}, {@code receiver}, {@code channel}, {@code kind}, {@code groupKey},
 * {@code createdAt}, {@code alertCount}, values the caller pre-renders (such as the alert list), and
 * otherwise the fields of the first alert, so a subject can say {@code {{level}}: {{summary}}}.
 */
public final class NotificationVariables {
    private NotificationVariables() {
    }

    /** A field of an alert by dotted path, as text; empty when missing. */
    public static String alertField(ObjectNode alert, String path) {
        JsonNode node = JsonRecordValues.at(alert, path);
        if (node == null) {
            return "";
        }
        return node.isContainerNode() ? node.toString() : node.asText();
    }

    /** The alert's link from the {@code link.template}; empty when the template is empty. */
    public static String link(ObjectNode alert, PlaceholderTemplate linkTemplate) {
        return linkTemplate.render(name -> URLEncoder.encode(alertField(alert, name), StandardCharsets.UTF_8)
                .replace("+", "%20"));
    }

    /** Lookup for one alert; every value passes through {@code escape}. */
    public static Function<String, String> forAlert(ObjectNode alert, PlaceholderTemplate linkTemplate,
                                                    UnaryOperator<String> escape) {
        return name -> escape.apply("link".equals(name) ? link(alert, linkTemplate) : alertField(alert, name));
    }

    /**
     * Lookup for the notification; {@code rendered} values (already escaped, e.g. the alert list) are
     * inserted as they are, everything else passes through {@code escape}.
     */
    public static Function<String, String> forNotification(Notification notification, Map<String, String> rendered,
                                                           UnaryOperator<String> escape) {
        return name -> {
            if (rendered.containsKey(name)) {
                return rendered.get(name);
            }
            String value = switch (name) {
                case "id" -> notification.id();
                case "receiver" -> notification.receiver();
                case "channel" -> notification.channel();
                case "kind" -> notification.kind();
                case "groupKey" -> notification.groupKey();
                case "createdAt" -> notification.createdAt();
                case "alertCount" -> Integer.toString(notification.alerts().size());
                default -> notification.alerts().isEmpty() ? "" : alertField(notification.alerts().get(0), name);
            };
            return escape.apply(value);
        };
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
