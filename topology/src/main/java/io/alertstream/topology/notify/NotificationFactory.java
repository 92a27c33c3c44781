package io.alertstream.topology.notify;

import io.alertstream.topology.routing.Receiver;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns one message for a receiver into its notification records: one for the email section and one
 * per webhook. Ids are name-based UUIDs of what identifies the message (so a replay yields the same
 * ids, which the sinks use as Message-ID and Idempotency-Key), suffixed by the channel.
 */
final class NotificationFactory {
    private NotificationFactory() {
    }

    static String id(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u0000", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param alerts  the alerts to list, already bounded by the caller
     * @param omitted how many more there are ("+N more"); 0 for none
     */
    static List<Notification> forReceiver(Receiver receiver, String baseId, String kind, String groupKey,
                                          Map<String, String> groupLabels, long createdAtMs, List<?> alerts, int omitted) {
        return forReceiver(receiver, baseId, kind, groupKey, groupLabels, createdAtMs, alerts, omitted, null);
    }

    /** As above, for a notice about a silence (carried in the record's {@code silence}). */
    static List<Notification> forReceiver(Receiver receiver, String baseId, String kind, String groupKey, Map<String, String> groupLabels,
                                          long createdAtMs, List<?> alerts, int omitted, io.alertstream.topology.silence.Silence silence) {
        Integer omittedAlerts = omitted > 0 ? omitted : null;
        String createdAt = Instant.ofEpochMilli(createdAtMs).toString();
        List<Notification> out = new ArrayList<>();
        if (receiver.email() != null) {
            Receiver.Email e = receiver.email();
            out.add(new Notification(baseId + "-email", receiver.name(), Notification.EMAIL, kind,
                    new Notification.Email(e.to(), e.cc(), e.bcc()), null, groupKey, groupLabels, createdAt, alerts, omittedAlerts, silence));
        }
        for (int i = 0; i < receiver.webhooks().size(); i++) {
            Receiver.Webhook w = receiver.webhooks().get(i);
            out.add(new Notification(baseId + "-webhook-" + i, receiver.name(), Notification.WEBHOOK, kind, null,
                    new Notification.Webhook(w.url(), w.format(), w.timeout() == null ? null : w.timeout().toMillis()),
                    groupKey, groupLabels, createdAt, alerts, omittedAlerts, silence));
        }
        return out;
    }
}
