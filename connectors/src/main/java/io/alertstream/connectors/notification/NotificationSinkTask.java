package io.alertstream.connectors.notification;

import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.ConnectorVersion;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.MalformedRecordHandler;
import io.alertstream.connectors.common.RecordCoordinates;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.alertstream.connectors.metrics.NotificationMetrics;
import io.alertstream.connectors.metrics.NotificationMetrics.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop shared by the email and webhook sinks: one retry lane per receiver.
 *
 * <p>Input: {@code notifications} records; those of another channel are skipped, so both sinks can read
 * the same topic. Each notification of this channel joins its receiver's lane ({@link ReceiverLanes}); every
 * {@link #put} (Connect calls it also with no records) attempts the head of each due lane, in order within
 * a lane. An attempt that may succeed later (outage, timeout, HTTP 408/429/5xx, SMTP 4xx) parks that lane
 * for the sinks' one backoff ({@link io.alertstream.connectors.common.Retrier#backoffBeforeRetry}: {@code
 * retry.backoff.ms} doubling up to {@code retry.backoff.max.ms}, jittered) while the other lanes
 * go on, so a receiver that never answers delays nobody else by more than one request timeout per backoff,
 * and however many fail, one {@code put} spends at most about one timeout plus a second on them.
 * After {@code notify.max.delivery.age.ms} of failing, a notification goes to the errant-record reporter /
 * {@code behavior.on.malformed.records} with the reason, as do rejected (permanent 4xx/5xx) and unusable
 * notifications, and any unexpected exception one record causes: no single record can fail the task.
 *
 * <p>Offsets: {@link #preCommit} holds each partition's commit back to its oldest waiting notification, so
 * a crash or rebalance redelivers what was not delivered (and, after it, some delivered ones: receivers
 * deduplicate by notification id). Memory: at most {@code notify.max.pending.notifications} wait; beyond
 * that {@code put} refuses the batch with a {@link RetriableException} (Connect pauses, then redelivers it),
 * so nothing is dropped.
 *
 * <p>Metrics ({@link NotificationMetrics}): each delivery, rejection, expiry and failed attempt by receiver, the
 * latency from the notification's {@code createdAt} to its delivery, and the notifications waiting.
 */
public abstract class NotificationSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSinkTask.class);

    /** How long one {@code put} keeps trying further receivers that failed before (see {@link #deliverDue}). */
    public static final long FAILING_LANES_BUDGET_MS = 1_000;

    private final ReceiverLanes lanes = new ReceiverLanes();
    private final LongSupplier clock;
    private NotificationDeliveryConfig.Settings settings;
    private MalformedRecordHandler malformed;
    private NotificationMetrics metrics;

    protected NotificationSinkTask() {
        this(System::currentTimeMillis);
    }

    /** For tests: a controllable clock for backoff and maximum age. */
    protected NotificationSinkTask(LongSupplier clock) {
        this.clock = clock;
    }

    /** {@code email} or {@code webhook}. */
    protected abstract String channel();

    /** The config key named in error messages about bad records. */
    protected abstract String behaviorConfigKey();

    /** Parses the config and opens the client; returns the delivery settings and the malformed-record handler. */
    protected abstract Setup startDelivery(Map<String, String> props);

    /** One attempt; throws {@link MalformedRecordException} when the notification itself is unusable. */
    protected abstract DeliveryOutcome deliverOnce(SinkRecord record, ReceivedNotification notification);

    /** Closes the client. */
    protected abstract void stopDelivery();

    /** What {@link #startDelivery} returns. */
    public record Setup(NotificationDeliveryConfig.Settings settings, MalformedRecordHandler malformed) {
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Setup setup = startDelivery(props);
        settings = setup.settings();
        malformed = setup.malformed();
        metrics = new NotificationMetrics(ConnectorMetrics.taskTags(props), channel(), lanes::size);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<ReceiverLanes.Pending> accepted = new ArrayList<>();
        List<Map.Entry<SinkRecord, RuntimeException>> bad = new ArrayList<>();
        long now = clock.getAsLong();
        for (SinkRecord record : records) {
            if (record.value() == null) {
                continue;
            }
            try {
                ReceivedNotification notification = ReceivedNotification.parse(record, behaviorConfigKey());
                if (channel().equals(notification.channel())) {
                    accepted.add(new ReceiverLanes.Pending(record, notification, now));
                }
            } catch (MalformedRecordException e) {
                bad.add(Map.entry(record, e));
            } catch (RuntimeException e) {
                bad.add(Map.entry(record, unexpected(record, e)));
            }
        }
        if (lanes.size() > 0 && lanes.size() + accepted.size() > settings.maxPending()) {
            deliverDue();
            if (lanes.size() > 0 && lanes.size() + accepted.size() > settings.maxPending()) {
                // Nothing of this batch was taken: Connect redelivers all of it after the pause.
                context.timeout(settings.backoff().maxBackoffMs());
                throw new RetriableException(lanes.size() + " notifications wait for receivers that keep failing, "
                        + "and " + accepted.size() + " more would pass "
                        + NotificationDeliveryConfig.MAX_PENDING_CONFIG + "=" + settings.maxPending() + " ("
                        + lanes.describeFailing(3) + "). Connect redelivers the batch; fix the receivers, or "
                        + "raise " + NotificationDeliveryConfig.MAX_PENDING_CONFIG + " or lower "
                        + NotificationDeliveryConfig.MAX_DELIVERY_AGE_MS_CONFIG);
            }
        }
        bad.forEach(entry -> {
            metrics.record(NotificationMetrics.UNREADABLE, Outcome.REJECTED);
            malformed.handle(entry.getKey(), entry.getValue());
        });
        for (ReceiverLanes.Pending pending : accepted) {
            lanes.add(laneKey(pending.notification()), pending);
        }
        deliverDue();
    }

    /** The lane of a notification: its receiver, or its id when it names none (then it shares no lane). */
    protected String laneKey(ReceivedNotification notification) {
        return notification.receiver().isEmpty() ? "(no receiver) " + notification.id() : notification.receiver();
    }

    /**
     * Healthy lanes first, each until it empties or fails; then failing lanes, the longest-waiting first, for at
     * most {@link #FAILING_LANES_BUDGET_MS} beyond the first one's attempt. Why: each attempt on a receiver that
     * never answers takes a whole request timeout on the task thread, so k such receivers due together would hold
     * every later notification for k timeouts; the ones left out stay due and go first in the next {@code put}.
     */
    private void deliverDue() {
        List<ReceiverLanes.Lane> due = lanes.due(clock.getAsLong());
        List<ReceiverLanes.Lane> failing = due.stream().filter(l -> l.failures > 0).toList();
        for (ReceiverLanes.Lane lane : due) {
            if (lane.failures == 0) {
                deliverLane(lane);
            }
        }
        long start = clock.getAsLong();
        for (ReceiverLanes.Lane lane : failing) {
            if (lane != failing.get(0) && clock.getAsLong() - start >= FAILING_LANES_BUDGET_MS) {
                LOG.debug("{} failing receivers left for the next put (time budget spent)", failing.size() - failing.indexOf(lane));
                return;
            }
            deliverLane(lane);
        }
    }

    /** Delivers a lane's notifications in order until one must wait. */
    private void deliverLane(ReceiverLanes.Lane lane) {
        while (!lane.queue.isEmpty()) {
            ReceiverLanes.Pending head = lane.queue.peek();
            DeliveryOutcome outcome = attempt(head);
            switch (outcome.kind()) {
                case DELIVERED -> {
                    lane.failures = 0;
                    lanes.poll(lane);
                    metrics.delivered(head.notification().receiver(), head.notification().createdAt(), clock.getAsLong());
                }
                case REJECTED -> {
                    lane.failures = 0;
                    lanes.poll(lane);
                    metrics.record(head.notification().receiver(), Outcome.REJECTED);
                    malformed.handle(head.record(), rejection(head, outcome));
                }
                case RETRY -> {
                    lane.failures++;
                    lane.lastError = outcome.reason();
                    metrics.record(head.notification().receiver(), Outcome.RETRIED);
                    long now = clock.getAsLong();
                    expireOld(lane, now);
                    lane.nextAttemptMs = now + settings.backoff().backoffBeforeRetry(lane.failures);
                    LOG.info("Notification {} at {} for receiver '{}' not delivered (failure {} of this receiver), "
                            + "retrying in {} ms: {}", head.notification().id(), RecordCoordinates.describe(head.record()),
                            lane.key, lane.failures, lane.nextAttemptMs - now, outcome.reason());
                    return;
                }
            }
        }
    }

    private DeliveryOutcome attempt(ReceiverLanes.Pending pending) {
        try {
            return deliverOnce(pending.record(), pending.notification());
        } catch (MalformedRecordException e) {
            return DeliveryOutcome.unusable(e);
        } catch (RetriableException e) {
            return DeliveryOutcome.retry(ConfigErrors.maskUserInfo(e.getMessage()));
        } catch (ConnectException e) {
            // Not about this record (e.g. the SMTP server refused the configured credentials): the operator acts.
            throw e;
        } catch (RuntimeException e) {
            return DeliveryOutcome.unusable(unexpected(pending.record(), e));
        }
    }

    /** Dead-letters the waiting notifications of a failing lane that are older than the maximum age. */
    private void expireOld(ReceiverLanes.Lane lane, long now) {
        while (!lane.queue.isEmpty() && now - lane.queue.peek().firstSeenMs() >= settings.maxDeliveryAgeMs()) {
            ReceiverLanes.Pending expired = lanes.poll(lane);
            metrics.record(expired.notification().receiver(), Outcome.EXPIRED);
            malformed.handle(expired.record(), new MalformedRecordException("Notification "
                    + expired.notification().id() + " at " + RecordCoordinates.describe(expired.record())
                    + " for receiver '" + lane.key + "' was not delivered within "
                    + NotificationDeliveryConfig.MAX_DELIVERY_AGE_MS_CONFIG + "=" + settings.maxDeliveryAgeMs()
                    + " (" + lane.failures + " failed attempts for this receiver; last error: " + lane.lastError
                    + "). Fix the receiver, or raise " + NotificationDeliveryConfig.MAX_DELIVERY_AGE_MS_CONFIG + "."));
        }
    }

    private MalformedRecordException rejection(ReceiverLanes.Pending pending, DeliveryOutcome outcome) {
        if (outcome.error() != null) {
            return outcome.error();
        }
        return new MalformedRecordException("Notification " + pending.notification().id() + " at "
                + RecordCoordinates.describe(pending.record()) + " was refused: " + outcome.reason() + ". Fix the "
                + "receiver or the notification, or set " + behaviorConfigKey() + " to warn or ignore.");
    }

    private MalformedRecordException unexpected(SinkRecord record, RuntimeException e) {
        // Control characters stripped: the message may quote record data and goes to logs and DLQ headers.
        String detail = ConfigErrors.maskUserInfo(String.valueOf(e.getMessage())).replaceAll("\\p{Cntrl}", "?");
        return new MalformedRecordException("Notification at " + RecordCoordinates.describe(record)
                + " could not be delivered: unexpected " + e.getClass().getSimpleName() + " (" + detail + "). Set "
                + behaviorConfigKey() + " to warn or ignore to skip such records.", e);
    }

    /** Commits stop at the oldest notification still waiting in a lane. */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> safe = new HashMap<>(currentOffsets);
        lanes.oldestPendingOffsets().forEach((partition, offset) -> {
            if (safe.containsKey(partition)) {
                safe.put(partition, new OffsetAndMetadata(offset));
            }
        });
        return safe;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        lanes.removePartitions(partitions);
    }

    /** Notifications waiting in lanes, for tests and debugging. */
    public int pendingNotifications() {
        return lanes.size();
    }

    @Override
    public void stop() {
        lanes.clear();
        if (metrics != null) {
            metrics.close();
        }
        stopDelivery();
    }
}
