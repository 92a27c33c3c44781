package io.alertstream.topology.digest;

import io.alertstream.topology.deadletter.DeadLetter;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.support.AlertMetrics;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input: raw records of one digest input topic (any key, JSON value). Output: the validated
 * {@link DigestInput} keyed by its UserID (ready to repartition), carrying its origin in
 * {@code alertstream.source.*} headers; or, for a malformed value, a {@link DeadLetter} with the
 * original key and value and the reason in {@code alertstream.error.*} headers. Nothing throws: one bad
 * record never stops the stream.
 */
final class DigestInputParser implements Processor<byte[], byte[], String, DigestParseResult> {
    private static final Logger LOG = LoggerFactory.getLogger(DigestInputParser.class);

    /** Reads one input type from a record value. */
    @FunctionalInterface
    interface Reader {
        DigestInput read(byte[] value) throws MalformedInput;
    }

    private final String name;
    private final Reader reader;
    private ProcessorContext<String, DigestParseResult> context;
    private AlertMetrics metrics;
    private AlertMetrics.Totals deadLettered;

    private DigestInputParser(String name, Reader reader) {
        this.name = name;
        this.reader = reader;
    }

    static ProcessorSupplier<byte[], byte[], String, DigestParseResult> statusChanges(DigestConfig config) {
        return () -> new DigestInputParser("digest-status-parse", v -> DigestJson.statusChange(v, config.maxIdLength()));
    }

    static ProcessorSupplier<byte[], byte[], String, DigestParseResult> digestRequests(DigestConfig config) {
        return () -> new DigestInputParser("digest-request-parse", v -> DigestJson.digestRequest(v, config.maxIdLength()));
    }

    @Override
    public void init(ProcessorContext<String, DigestParseResult> context) {
        this.context = context;
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), name);
        this.deadLettered = metrics.totals("dead-lettered", "Digest inputs sent to the dead-letter topic, by reason", "reason");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        DigestInput input;
        try {
            input = reader.read(record.value());
        } catch (MalformedInput e) {
            deadLetter(record, e);
            return;
        } catch (RuntimeException e) {
            // Not expected (the readers validate everything), but a throw would stop the stream thread for good.
            deadLetter(record, new MalformedInput("unreadable", e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
        }
        context.forward(new Record<>(input.userId(), (DigestParseResult) input, record.timestamp(), context.recordMetadata().map(m -> DeadLetters.Source.of(m).asHeaders()).orElseGet(RecordHeaders::new)));
    }

    private void deadLetter(Record<byte[], byte[]> record, MalformedInput e) {
        deadLettered.record(1, e.type());
        context.recordMetadata().ifPresent(m -> LOG.debug("dead-lettering {}-{}@{}: {} ({})", m.topic(), m.partition(),
                m.offset(), e.getMessage(), e.type()));
        Record<String, DeadLetter> dead = DeadLetters.record(context, record, null, record.key(), record.value(), e.type(),
                e.getMessage(), null);
        context.forward(dead.withValue((DigestParseResult) dead.value()));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
