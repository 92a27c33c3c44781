package io.alertstream.connectors.common;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the configured {@link MalformedRecordBehavior} to one rejected record.
 *
 * <ul>
 *   <li>{@code fail}: the record goes to Connect's errant-record reporter. With {@code errors.tolerance=all}
 *       and {@code errors.deadletterqueue.topic.name} set, that writes it to the dead-letter topic (with the
 *       error in its headers when {@code errors.deadletterqueue.context.headers.enable=true}) and the task
 *       goes on. {@code errors.tolerance=none} would fail the task, so the connectors refuse that config
 *       ({@code ValidatingSinkConnector}). On a worker without a reporter the task fails with a
 *       {@link ConnectException}.</li>
 *   <li>{@code warn}: logged at WARN with the reason, then dropped.</li>
 *   <li>{@code ignore}: dropped, logged at DEBUG.</li>
 * </ul>
 * Connect waits for reporter sends to complete before it commits offsets, so a reported record is not lost.
 */
public final class MalformedRecordHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MalformedRecordHandler.class);

    private final MalformedRecordBehavior behavior;
    private final String behaviorConfigKey;
    private final ErrantRecordReporter reporter;

    /**
     * @param reporter from {@code context.errantRecordReporter()}; may be null on old workers
     */
    public MalformedRecordHandler(MalformedRecordBehavior behavior, String behaviorConfigKey,
                                  ErrantRecordReporter reporter) {
        this.behavior = behavior;
        this.behaviorConfigKey = behaviorConfigKey;
        this.reporter = reporter;
    }

    /** The handler for a task, with the worker's errant-record reporter when it has one. */
    public static MalformedRecordHandler forTask(SinkTaskContext context, MalformedRecordBehavior behavior,
                                                 String behaviorConfigKey) {
        ErrantRecordReporter reporter;
        try {
            reporter = context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers before Kafka 2.6 have no reporter: 'fail' then fails the task.
            reporter = null;
        }
        return new MalformedRecordHandler(behavior, behaviorConfigKey, reporter);
    }

    public void handle(SinkRecord record, Throwable error) {
        switch (behavior) {
            case IGNORE -> LOG.debug("Dropping malformed record at {} ({}={}): {}",
                    RecordCoordinates.describe(record), behaviorConfigKey, behavior.configValue(), error.getMessage());
            case WARN -> LOG.warn("Dropping malformed record at {} ({}={}): {}",
                    RecordCoordinates.describe(record), behaviorConfigKey, behavior.configValue(), error.getMessage());
            case FAIL -> fail(record, error);
        }
    }

    private void fail(SinkRecord record, Throwable error) {
        if (reporter == null) {
            throw new ConnectException("Malformed record at " + RecordCoordinates.describe(record) + ": "
                    + error.getMessage() + ". Set " + behaviorConfigKey + "=warn or ignore to skip such records.",
                    error);
        }
        LOG.warn("Reporting malformed record at {} to the errant-record reporter: {}",
                RecordCoordinates.describe(record), error.getMessage());
        // Connect awaits this future before committing the record's offset; errors.tolerance=none throws here.
        reporter.report(record, error);
    }

    public MalformedRecordBehavior behavior() {
        return behavior;
    }
}
