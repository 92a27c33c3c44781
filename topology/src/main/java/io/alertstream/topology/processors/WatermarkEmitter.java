package io.alertstream.topology.processors;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.watermark.SourceBacklog;
import io.alertstream.topology.watermark.SourceClock;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Input: every parsed event of this upstream task (matched by a rule or not: the watermark is the
 * stream's, not a rule's). Output: every {@code alertstream.watermark.interval} of wall-clock time,
 * one {@link FanOut.Watermark} that the fan-out partitioner copies to every partition, so each
 * evaluating task learns this task's progress in order with its data. Idle tasks keep publishing.
 * Idleness needs both silence and no unread records in the partition ({@link SourceBacklog}). What the
 * clock knows of each partition is kept in a logged store, written at each publication (not per event),
 * so a restarted or moved task goes on from it: a partition quiet since before the restart still reads
 * as idle at a time that moves on, instead of holding every window behind its last reading. A crash
 * loses at most the observations of one interval, which only makes the restored reading a little late
 * (the evaluating tasks keep the newest reading they had), never early.
 */
public final class WatermarkEmitter implements Processor<byte[], ParsedEvent, String, ParseResult> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WatermarkEmitter.class);
    static final String KEY = "";
    private final AlertTopologyConfig config;
    private final SourceBacklog backlog;
    private ProcessorContext<String, ParseResult> context;
    private SourceClock clock;
    private KeyValueStore<String, byte[]> saved;
    private boolean idle;

    public WatermarkEmitter(AlertTopologyConfig config, SourceBacklog backlog) {
        this.config = config;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<String, ParseResult> context) {
        this.context = context;
        List<String> own = config.inputTopics().stream().map(t -> t + "-" + context.taskId().partition()).toList();
        this.clock = new SourceClock(config.idleTimeout().toMillis(), context.currentSystemTimeMs(), own);
        this.saved = context.getStateStore(StoreNames.SOURCE_CLOCK);
        try (KeyValueIterator<String, byte[]> all = saved.all()) {
            all.forEachRemaining(e -> {
                ByteBuffer b = ByteBuffer.wrap(e.value);
                clock.restore(e.key, new SourceClock.PartitionTime(b.getLong(), b.getLong()));
            });
        }
        context.schedule(config.watermarkInterval(), PunctuationType.WALL_CLOCK_TIME, this::publish);
    }

    @Override
    public void process(Record<byte[], ParsedEvent> record) {
        RecordMetadata meta = context.recordMetadata().orElse(null);
        String partition = meta == null ? "?" : meta.topic() + "-" + meta.partition();
        clock.observe(partition, record.value().eventTime(), context.currentSystemTimeMs());
    }

    private void publish(long nowMs) {
        clock.changed().forEach((partition, t) ->
                saved.put(partition, ByteBuffer.allocate(16).putLong(t.newestEventTime()).putLong(t.lastDataMs()).array()));
        SourceClock.Reading reading = clock.read(nowMs, backlog::hasUnread);
        if (reading.idle() != idle) {
            idle = reading.idle();
            // Rare (a change of state), and what to look at first when windows close sooner or later than expected.
            LOG.info("Task {}: input {} (watermark {})", context.taskId(), idle ? "idle, the watermark follows the wall clock" : "active again",
                    reading.time() == Long.MIN_VALUE ? "none" : java.time.Instant.ofEpochMilli(reading.time()));
        }
        FanOut.Watermark watermark = new FanOut.Watermark(context.taskId().partition(), config.sourcePartitions(),
                reading.time(), reading.idle());
        long timestamp = reading.time() == Long.MIN_VALUE ? 0 : Math.max(0, reading.time());
        context.forward(new Record<>(KEY, (ParseResult) watermark, timestamp));
    }
}
