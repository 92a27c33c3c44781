package io.alertstream.api.notifications;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.model.Alert;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one record of the engine's {@code notifications} topic (the contract of {@code notify/Notification}: receiver,
 * channel, kind, email or webhook, createdAt, alerts) into what it says about each alert it names: one {@link Named}
 * per listed alert with an {@code alertKey}. Alerts the notification only counts ({@code omittedAlerts}) are not named,
 * so they get no entry. Pure; throws {@link IllegalArgumentException} on what is not a notification.
 */
public final class NotificationReader {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private NotificationReader() {
    }

    /** What one notification says about one alert: the alert key, the notification as shown, the alert as it carried it. */
    public record Named(String alertKey, SentNotification sent, Alert alert) {
    }

    public static List<Named> read(String value) {
        JsonNode n;
        try {
            n = JSON.readTree(value);
        } catch (Exception e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (n == null || !n.hasNonNull("id") || !n.path("alerts").isArray()) {
            throw new IllegalArgumentException("no id or no alerts list");
        }
        List<String> recipients = recipients(n);
        List<Named> out = new ArrayList<>();
        for (JsonNode a : n.get("alerts")) {
            String key = a.path("alertKey").asText(null);
            if (key == null || key.isEmpty()) {
                continue;
            }
            Alert alert;
            try {
                alert = JSON.treeToValue(a, Alert.class);
            } catch (Exception e) {
                continue; // a digest entry in another shape still names the key, but cannot decide visibility
            }
            out.add(new Named(key, new SentNotification(n.get("id").asText(), text(n, "createdAt"), text(n, "receiver"),
                    text(n, "channel"), text(n, "kind"), recipients, alert.status(), alert.level(), Boolean.TRUE.equals(alert.flapping())),
                    alert));
        }
        return out;
    }

    /** Email: every address it goes to; webhook: the host only (its URL may hold a token). */
    static List<String> recipients(JsonNode n) {
        List<String> out = new ArrayList<>();
        JsonNode email = n.path("email");
        for (String field : new String[] {"to", "cc", "bcc"}) {
            email.path(field).forEach(a -> {
                if (a.isTextual() && !out.contains(a.asText())) {
                    out.add(a.asText());
                }
            });
        }
        String url = n.path("webhook").path("url").asText(null);
        if (url != null) {
            try {
                String host = URI.create(url).getHost();
                out.add(host == null ? "webhook" : host);
            } catch (IllegalArgumentException e) {
                out.add("webhook");
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
