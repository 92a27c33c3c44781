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
 * {@code summary}) so the sinks' templates render digests like alerts. Stateless; the id is a name-based
 * UUID of the user, the digest's timestamp and its alarms, so a replay yields the same id.
 */
final class DigestNotifier implements Processor<String, AlarmDigest, String, Notification> {
    private final RoutingCatalog routing;
    private ProcessorContext<String, Notification> context;

    DigestNotifier(RoutingCatalog routing) {
        this.routing = routing;
    }

    @Override
    public void init(ProcessorContext<String, Notification> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, AlarmDigest> record) {
        AlarmDigest digest = record.value();
        Receiver receiver = routing.current().receiver(digest.userId());
        if (receiver == null || digest.activeAlarms().isEmpty()) {
            return;
        }
        List<Map<String, Object>> alerts = new ArrayList<>();
        StringBuilder identity = new StringBuilder();
        for (AlarmDigest.ActiveAlarm alarm : digest.activeAlarms()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("alertKey", alarm.alarmId());
            a.put("status", "FIRING");
            a.put("level", alarm.status().toLowerCase(java.util.Locale.ROOT));
            a.put("at", alarm.latestChangedAt());
            a.put("summary", alarm.alarmId() + " is " + alarm.status() + " since " + alarm.latestChangedAt());
            alerts.add(a);
            identity.append(alarm.alarmId()).append('=').append(alarm.status()).append('@').append(alarm.latestChangedAt()).append(';');
        }
        String baseId = NotificationFactory.id("digest", digest.userId(), Long.toString(record.timestamp()), identity.toString());
        for (Notification n : NotificationFactory.forReceiver(receiver, baseId, "digest", "{user=\"" + digest.userId() + "\"}",
                Map.of("user", digest.userId()), record.timestamp(), alerts)) {
            context.forward(new Record<>(n.id(), n, record.timestamp()));
        }
    }
}
