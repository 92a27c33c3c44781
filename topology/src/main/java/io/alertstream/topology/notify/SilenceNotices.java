package io.alertstream.topology.notify;

import io.alertstream.topology.routing.Receiver;
import io.alertstream.topology.routing.RoutingSpec;
import io.alertstream.topology.routing.RuleRoutes;
import io.alertstream.topology.silence.Silence;
import java.util.List;
import java.util.Map;

/**
 * The notices a silence's creator gets: {@code silence-started}, {@code silence-ended} and
 * {@code silenced-alert-resolved}. Who the creator is, as a receiver: the routing file's receiver named like
 * {@code created_by} (all its channels), else an email to the silence's {@code notify_email} (the API sets the
 * caller's account address), else nobody. Ids are name-based UUIDs of the silence, the notice and what it is
 * about, so a replay makes the same ids (the sinks' Message-ID and Idempotency-Key).
 */
final class SilenceNotices {
    static final String STARTED = "silence-started";
    static final String ENDED = "silence-ended";
    static final String ALERT_RESOLVED = "silenced-alert-resolved";

    private SilenceNotices() {
    }

    /** The creator as a receiver, or null when the silence names no one who can be told. */
    static Receiver creator(RoutingSpec routing, Silence s) {
        Receiver r = s.createdBy() == null ? null : routing.receivers().get(s.createdBy());
        if (r != null) {
            return r;
        }
        return s.notifyEmail() == null ? null : RuleRoutes.receiver(RuleRoutes.EMAIL_RECEIVER_PREFIX + s.notifyEmail());
    }

    /** @param about what makes the notice unique beside the silence and kind (an alert transition id; "" for start and end) */
    static List<Notification> of(RoutingSpec routing, Silence s, String kind, String about, long now, List<?> alerts) {
        Receiver r = creator(routing, s);
        if (r == null) {
            return List.of();
        }
        String baseId = NotificationFactory.id("silence", kind, s.id(), String.valueOf(s.startsAt()), String.valueOf(s.createdAt()), about);
        return NotificationFactory.forReceiver(r, baseId, kind, "{silence=\"" + s.id() + "\"}", Map.of("silence", s.id()), now,
                alerts, 0, s);
    }
}
