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

    static List<Notification> forReceiver(Receiver receiver, String baseId, String kind, String groupKey,
                                          Map<String, String> groupLabels, long createdAtMs, List<?> alerts) {
        String createdAt = Instant.ofEpochMilli(createdAtMs).toString();
        List<Notification> out = new ArrayList<>();
        if (receiver.email() != null) {
            Receiver.Email e = receiver.email();
            out.add(new Notification(baseId + "-email", receiver.name(), Notification.EMAIL, kind,
                    new Notification.Email(e.to(), e.cc(), e.bcc()), null, groupKey, groupLabels, createdAt, alerts));
        }
        for (int i = 0; i < receiver.webhooks().size(); i++) {
            Receiver.Webhook w = receiver.webhooks().get(i);
            out.add(new Notification(baseId + "-webhook-" + i, receiver.name(), Notification.WEBHOOK, kind, null,
                    new Notification.Webhook(w.url(), w.format(), w.timeout() == null ? null : w.timeout().toMillis()),
                    groupKey, groupLabels, createdAt, alerts));
        }
        return out;
    }
}
