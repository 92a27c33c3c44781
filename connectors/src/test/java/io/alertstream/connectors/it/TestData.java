package io.alertstream.connectors.it;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records shaped like the alertstream topology's output (see the connectors brief). */
final class TestData {
    private TestData() {
    }

    static Map<String, Object> event(int n, Object timestamp) {
        Map<String, Object> event = new LinkedHashMap<>();
        if (timestamp != null) {
            event.put("timestamp", timestamp);
        }
        event.put("user", "user-" + n);
        event.put("latencyMs", 100 + n);
        event.put("labels", Map.of("env", "prod"));
        event.put("group", Map.of("service", "web"));
        return event;
    }

    static Map<String, Object> alert(String id, String status, Object value, String at) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", id);
        alert.put("alertKey", "high-latency|service=web");
        alert.put("ruleId", "high-latency");
        alert.put("status", status);
        alert.put("level", "FIRING".equals(status) ? "critical" : null);
        alert.put("previousLevel", null);
        alert.put("group", Map.of("service", "web", "region", "eu-1"));
        alert.put("value", value);
        alert.put("threshold", 500.0);
        alert.put("window", Map.of("start", "2026-11-21T10:00:00Z", "end", "2026-11-21T10:05:00Z"));
        alert.put("startsAt", "2026-11-21T10:05:00Z");
        alert.put("at", at);
        alert.put("summary", "p95 latency of web above 500 ms");
        alert.put("labels", Map.of("team", "payments", "severity", "page"));
        alert.put("owners", List.of("ann"));
        alert.put("recipients", List.of("oncall@example.com"));
        return alert;
    }

    static Map<String, Object> counter(String ruleId, String groupKey, Instant windowStart, long windowMs,
                                       double value, long count) {
        Map<String, Object> counter = new LinkedHashMap<>();
        counter.put("ruleId", ruleId);
        counter.put("groupKey", groupKey);
        counter.put("group", Map.of("service", groupKey));
        counter.put("windowStart", windowStart.toString());
        counter.put("windowEnd", windowStart.plusMillis(windowMs).toString());
        counter.put("value", value);
        counter.put("count", count);
        return counter;
    }
}
