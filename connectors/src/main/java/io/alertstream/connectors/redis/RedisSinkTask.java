package io.alertstream.connectors.redis;

import io.alertstream.connectors.common.ConnectorVersion;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.MalformedRecordHandler;
import io.alertstream.connectors.common.RecordCoordinates;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code counters} records to Redis through a {@link CounterWriter}, synchronously in {@link #put}.
 *
 * <p>Input: counter records (see {@link CounterRecordParser}). Output: absolute values in the hashes of
 * {@link CounterKeyLayout}. Because {@code put} returns only after Redis stored the batch, the offsets
 * Connect commits afterwards cover stored (or dead-lettered) records only. On an outage the writer's
 * {@link RetriableException} propagates and Connect redelivers the same batch after a pause.
 * Metrics: counter updates written and rejected ({@code alertstream_connector_redis_counters_total}).
 */
public class RedisSinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(RedisSinkTask.class);

    private final Function<RedisSinkConnectorConfig, CounterWriter> writerFactory;
    private RedisSinkConnectorConfig config;
    private CounterWriter writer;
    private CounterRecordParser parser;
    private MalformedRecordHandler malformed;
    private Counter written;
    private Counter rejected;

    public RedisSinkTask() {
        this(JedisCounterWriter::new);
    }

    /** For tests: a writer of the test's choosing. */
    RedisSinkTask(Function<RedisSinkConnectorConfig, CounterWriter> writerFactory) {
        this.writerFactory = writerFactory;
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new RedisSinkConnectorConfig(props);
        writer = writerFactory.apply(config);
        parser = CounterRecordParser.from(config);
        Tags tags = ConnectorMetrics.taskTags(props);
        written = ConnectorMetrics.counter(ConnectorMetrics.REDIS_COUNTERS, tags.and("outcome", "written"),
                "Counter updates Redis stored (written) or refused (rejected, e.g. WRONGTYPE: to the errant-record reporter)");
        rejected = ConnectorMetrics.counter(ConnectorMetrics.REDIS_COUNTERS, tags.and("outcome", "rejected"),
                "Counter updates Redis stored (written) or refused (rejected, e.g. WRONGTYPE: to the errant-record reporter)");
        malformed = MalformedRecordHandler.forTask(context, config.behaviorOnMalformed(),
                RedisSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG);
        LOG.info("Redis counter sink writing to {}", config.endpoint());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        List<CounterUpdate> updates = new ArrayList<>(records.size());
        List<Map.Entry<SinkRecord, MalformedRecordException>> malformedRecords = new ArrayList<>();
        for (SinkRecord record : records) {
            try {
                Optional<CounterUpdate> update = parser.parse(record);
                if (update.isPresent()) {
                    updates.add(update.get());
                } else {
                    LOG.debug("Skipping record with null value at {}", RecordCoordinates.describe(record));
                }
            } catch (MalformedRecordException e) {
                malformedRecords.add(Map.entry(record, e));
            }
        }
        List<CounterWriter.CounterRejection> rejections = List.of();
        if (!updates.isEmpty()) {
            try {
                rejections = writer.write(updates);
            } catch (RetriableException e) {
                context.timeout(config.retrier().maxBackoffMs());
                throw e;
            }
        }
        written.increment(updates.size() - rejections.size());
        rejected.increment(rejections.size());
        // Reported only after the write, so a redelivered batch does not report them twice.
        malformedRecords.forEach(entry -> malformed.handle(entry.getKey(), entry.getValue()));
        for (CounterWriter.CounterRejection rejection : rejections) {
            SinkRecord record = rejection.update().record();
            malformed.handle(record, new MalformedRecordException("Redis refused the counter from "
                    + RecordCoordinates.describe(record) + " for key " + rejection.update().key() + ": "
                    + rejection.reason() + ". Remove the conflicting key or change "
                    + RedisSinkConnectorConfig.KEY_PREFIX_CONFIG + ", or set "
                    + RedisSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG + " to warn or ignore."));
        }
    }

    @Override
    public void stop() {
        if (writer != null) {
            writer.close();
        }
    }
}
