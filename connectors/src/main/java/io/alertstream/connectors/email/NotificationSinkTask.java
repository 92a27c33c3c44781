package io.alertstream.connectors.email;

import io.alertstream.connectors.common.ConnectorVersion;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.MalformedRecordHandler;
import io.alertstream.connectors.common.RecordCoordinates;
import io.alertstream.connectors.common.RetryPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery loop shared by the email and webhook sinks, synchronous in {@link #put}.
 *
 * <p>Input: {@code notifications} records; those of another channel are skipped, so both sinks can read
 * the same topic. Each notification of this channel is delivered in order; an attempt that may succeed
 * later is retried with the {@link RetryPolicy}'s exponential backoff, then the batch goes back to
 * Connect as a {@link RetriableException} (Connect redelivers it after {@code retry.backoff.max.ms};
 * offsets are committed only after {@code put} returns, so nothing is lost). Notifications already
 * delivered in an earlier attempt of the same batch are not sent again, which keeps redelivery duplicates
 * to the ones a crash leaves behind (receivers deduplicate those by notification id). A rejected or
 * malformed notification goes to the errant-record reporter / {@code behavior.on.malformed.records},
 * reported once the batch is through.
 */
public abstract class NotificationSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationSinkTask.class);

    /** Records (topic+partition+offset) delivered while a later one of the same batch still fails. */
    private final Set<String> deliveredInUnfinishedBatch = new HashSet<>();
    private RetryPolicy retryPolicy;
    private MalformedRecordHandler malformed;

    /** {@code email} or {@code webhook}. */
    protected abstract String channel();

    /** The config key named in error messages about bad records. */
    protected abstract String behaviorConfigKey();

    /** Parses the config and opens the client; returns the retry policy and the malformed-record handler. */
    protected abstract Setup startDelivery(Map<String, String> props);

    /** One attempt; throws {@link MalformedRecordException} when the notification itself is unusable. */
    protected abstract DeliveryOutcome deliverOnce(SinkRecord record, Notification notification);

    /** Closes the client. */
    protected abstract void stopDelivery();

    /** What {@link #startDelivery} returns. */
    public record Setup(RetryPolicy retryPolicy, MalformedRecordHandler malformed) {
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Setup setup = startDelivery(props);
        retryPolicy = setup.retryPolicy();
        malformed = setup.malformed();
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<Map.Entry<SinkRecord, RuntimeException>> bad = new ArrayList<>();
        for (SinkRecord record : records) {
            if (record.value() == null || deliveredInUnfinishedBatch.contains(RecordCoordinates.id(record))) {
                continue;
            }
            try {
                Notification notification = Notification.parse(record, behaviorConfigKey());
                if (!channel().equals(notification.channel())) {
                    continue;
                }
                deliverWithRetries(record, notification);
                deliveredInUnfinishedBatch.add(RecordCoordinates.id(record));
            } catch (MalformedRecordException e) {
                // Not remembered: if a later record fails, the redelivery reports this one again, once.
                bad.add(Map.entry(record, e));
            }
        }
        deliveredInUnfinishedBatch.clear();
        bad.forEach(entry -> malformed.handle(entry.getKey(), entry.getValue()));
    }

    private void deliverWithRetries(SinkRecord record, Notification notification) {
        for (int attempt = 0; ; attempt++) {
            DeliveryOutcome outcome = deliverOnce(record, notification);
            switch (outcome.kind()) {
                case DELIVERED -> {
                    return;
                }
                case REJECTED -> throw new MalformedRecordException("Notification " + notification.id() + " at "
                        + RecordCoordinates.describe(record) + " was refused: " + outcome.reason() + ". Fix the "
                        + "receiver or the notification, or set " + behaviorConfigKey() + " to warn or ignore.");
                case RETRY -> {
                    if (attempt >= retryPolicy.maxRetries()) {
                        context.timeout(retryPolicy.maxBackoffMs());
                        throw new RetriableException("Notification " + notification.id() + " at "
                                + RecordCoordinates.describe(record) + " not delivered after " + (attempt + 1)
                                + " attempt(s): " + outcome.reason() + ". Connect redelivers it; raise "
                                + RetryPolicy.MAX_RETRIES_CONFIG + " to retry longer inside the task.");
                    }
                    LOG.info("Retrying notification {} at {} ({}/{}): {}", notification.id(),
                            RecordCoordinates.describe(record), attempt + 1, retryPolicy.maxRetries(), outcome.reason());
                    retryPolicy.sleepBeforeRetry(attempt + 1);
                }
            }
        }
    }

    @Override
    public void stop() {
        stopDelivery();
    }
}
