package io.alertstream.connectors.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.IntSupplier;

/**
 * What one notification sink task (email or webhook) records:
 * <ul>
 *   <li>{@code alertstream_connector_notifications_total{connector,task,channel,receiver,outcome}}: outcome
 *       {@code delivered}, {@code rejected} (refused for good, or unusable: to the errant-record reporter),
 *       {@code expired} (past {@code notify.max.delivery.age.ms}) or {@code retried} (an attempt failed and the
 *       receiver's lane waits to retry);</li>
 *   <li>{@code alertstream_connector_notification_delivery_seconds{connector,task,channel,receiver}}: a
 *       histogram of the time from the notification's {@code createdAt} to its delivery;</li>
 *   <li>{@code alertstream_connector_notifications_pending{connector,task,channel}}: notifications waiting in the
 *       task's lanes.</li>
 * </ul>
 * The receiver tag is the notification's {@code receiver} (names from the routing file, so a bounded set),
 * {@value #NO_RECEIVER} when it names none, {@value #UNREADABLE} for records that are not notifications.
 */
public final class NotificationMetrics {
    public static final String NO_RECEIVER = "(none)";
    public static final String UNREADABLE = "(unreadable)";
    /** Histogram buckets (seconds): from a fast webhook to a notification that waited out an outage. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1)};

    /** The outcomes, as the {@code outcome} tag shows them. */
    public enum Outcome {
        DELIVERED, REJECTED, EXPIRED, RETRIED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Tags tags;
    private final Gauge pending;

    /** Registers the pending gauge of this task; {@link #close} removes it. */
    public NotificationMetrics(Tags taskTags, String channel, IntSupplier pendingNotifications) {
        this.registry = ConnectorMetrics.registry();
        this.tags = taskTags.and("channel", channel);
        // A gauge of an earlier instance of this task (restarted in this worker) would otherwise be returned by
        // register() still reading the old lanes: this instance's replaces it.
        Gauge earlier = registry.find(ConnectorMetrics.NOTIFICATIONS_PENDING).tags(tags).gauge();
        if (earlier != null) {
            registry.remove(earlier);
        }
        this.pending = Gauge.builder(ConnectorMetrics.NOTIFICATIONS_PENDING, pendingNotifications, IntSupplier::getAsInt)
                .tags(tags).description("Notifications waiting in this task's receiver lanes")
                .strongReference(true).register(registry);
    }

    public void record(String receiver, Outcome outcome) {
        ConnectorMetrics.counter(ConnectorMetrics.NOTIFICATIONS,
                tags.and("receiver", receiverTag(receiver), "outcome", outcome.tag()),
                "Notifications by receiver and outcome (delivered, rejected, expired, retried attempts)").increment();
    }

    /** A delivery: counts it and records its latency from {@code createdAt} (ISO-8601) when that is readable. */
    public void delivered(String receiver, String createdAt, long nowMs) {
        record(receiver, Outcome.DELIVERED);
        long created = epochMillis(createdAt);
        if (created < 0 || created > nowMs) {
            return; // unreadable, or a clock ahead of ours: no latency to report
        }
        Timer.builder(ConnectorMetrics.NOTIFICATION_DELIVERY).tags(tags.and("receiver", receiverTag(receiver)))
                .description("Time from a notification's createdAt to its delivery")
                .serviceLevelObjectives(BUCKETS).minimumExpectedValue(BUCKETS[0])
                .maximumExpectedValue(BUCKETS[BUCKETS.length - 1]).register(registry)
                .record(Duration.ofMillis(nowMs - created));
    }

    static String receiverTag(String receiver) {
        return receiver == null || receiver.isEmpty() ? NO_RECEIVER : receiver;
    }

    private static long epochMillis(String createdAt) {
        if (createdAt == null || createdAt.isEmpty()) {
            return -1;
        }
        try {
            return Instant.parse(createdAt).toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /** Removes the pending gauge (a restarted task registers its own). Counters stay: they only grow. */
    public void close() {
        // Only our own: a newer instance of the task may have replaced it already.
        if (registry.find(ConnectorMetrics.NOTIFICATIONS_PENDING).tags(tags).gauge() == pending) {
            registry.remove(pending);
        }
    }
}
