package io.alertstream.connectors.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Notifications as alertstream's routing produces them (the contract of the {@code notifications} topic). */
public final class TestNotifications {
    private TestNotifications() {
    }

    public static Map<String, Object> alert(String alertKey, String level, String summary, double value, double threshold) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", "a-" + alertKey);
        alert.put("alertKey", alertKey);
        alert.put("ruleId", "cpu-high");
        alert.put("status", "firing");
        alert.put("level", level);
        alert.put("previousLevel", "ok");
        alert.put("group", Map.of("host", "web-1"));
        alert.put("value", value);
        alert.put("threshold", threshold);
        alert.put("window", Map.of("start", "2026-11-21T09:55:00Z", "end", "2026-11-21T10:00:00Z"));
        alert.put("startsAt", "2026-11-21T09:58:00Z");
        alert.put("at", "2026-11-21T10:00:00Z");
        alert.put("summary", summary);
        alert.put("labels", Map.of("team", "payments"));
        alert.put("owners", List.of("payments"));
        alert.put("recipients", List.of("payments-oncall"));
        return alert;
    }

    public static Map<String, Object> email(String id, List<String> to, List<String> cc, List<String> bcc,
                                            List<Map<String, Object>> alerts) {
        Map<String, Object> notification = base(id, "email", alerts);
        notification.put("email", Map.of("to", to, "cc", cc, "bcc", bcc));
        return notification;
    }

    public static Map<String, Object> webhook(String id, String url, String format, Integer timeoutMs,
                                              List<Map<String, Object>> alerts) {
        Map<String, Object> notification = base(id, "webhook", alerts);
        Map<String, Object> webhook = new LinkedHashMap<>();
        webhook.put("url", url);
        if (format != null) {
            webhook.put("format", format);
        }
        if (timeoutMs != null) {
            webhook.put("timeoutMs", timeoutMs);
        }
        notification.put("webhook", webhook);
        return notification;
    }

    private static Map<String, Object> base(String id, String channel, List<Map<String, Object>> alerts) {
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("id", id);
        notification.put("receiver", "payments-oncall");
        notification.put("channel", channel);
        notification.put("kind", "firing");
        notification.put("groupKey", "team=\"payments\"");
        notification.put("createdAt", "2026-11-21T10:00:00Z");
        notification.put("alerts", new ArrayList<>(alerts));
        return notification;
    }
}
