package io.alertstream.topology.notify;

import io.alertstream.topology.digest.AlarmDigest;
import io.alertstream.topology.routing.Receiver;
import io.alertstream.topology.routing.RoutingCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input: alarm digests keyed by UserID, as the digest processor emits them. Output: for a digest whose
 * user is a receiver of the routing in force and that lists at least one alarm, a {@code digest}
 * notification per channel of that receiver (an empty digest tells nothing, so it sends nothing).
 * Each alarm becomes an alert-like object ({@code alertKey}, {@code status}, {@code level}, {@code at},
 * {@code summary}) so the sinks' templates render digests like alerts; at most
 * {@code max.alerts.per.notification} are listed, the rest counted in {@code omittedAlerts}. Stateless; the id is a name-based
 * UUID of the user, the digest's timestamp and its alarms, so a replay yields the same id.
 */
final class DigestNotifier implements Processor<String, AlarmDigest, String, Notification> {
    private final RoutingCatalog routing;
    private final int maxAlerts;
    private ProcessorContext<String, Notification> context;

    DigestNotifier(RoutingCatalog routing, int maxAlerts) {
        this.routing = routing;
        this.maxAlerts = maxAlerts;
    }

    @Override
    public void init(ProcessorContext<String, Notification> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, AlarmDigest> record) {
        AlarmDigest digest = record.value();
        if (digest == null || digest.userId() == null || digest.activeAlarms() == null) {
            return; // the digest processor never emits these; nothing to tell anyone
        }
        Receiver receiver = routing.current().receiver(digest.userId());
        if (receiver == null || digest.activeAlarms().isEmpty()) {
            return;
        }
        List<Map<String, Object>> alerts = new ArrayList<>();
        StringBuilder identity = new StringBuilder();
        // The digest may list up to max.alarms.per.user alarms: list at most max.alerts.per.notification of them
        // (the id still covers all), so one notification record stays far below 1 MiB.
        int omitted = Math.max(0, digest.activeAlarms().size() - maxAlerts);
        for (AlarmDigest.ActiveAlarm alarm : digest.activeAlarms()) {
            if (alarm == null) {
                continue;
            }
            identity.append(alarm.alarmId()).append('=').append(alarm.status()).append('@').append(alarm.latestChangedAt()).append(';');
            if (alerts.size() >= maxAlerts) {
                continue;
            }
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("alertKey", alarm.alarmId());
            a.put("status", "FIRING");
            a.put("level", String.valueOf(alarm.status()).toLowerCase(java.util.Locale.ROOT));
            a.put("at", alarm.latestChangedAt());
            a.put("summary", alarm.alarmId() + " is " + alarm.status() + " since " + alarm.latestChangedAt());
            alerts.add(a);
        }
        String baseId = NotificationFactory.id("digest", digest.userId(), Long.toString(record.timestamp()), identity.toString());
        for (Notification n : NotificationFactory.forReceiver(receiver, baseId, "digest", "{user=\"" + digest.userId() + "\"}",
                Map.of("user", digest.userId()), record.timestamp(), alerts, omitted)) {
            context.forward(new Record<>(n.id(), n, record.timestamp()));
        }
    }
}
