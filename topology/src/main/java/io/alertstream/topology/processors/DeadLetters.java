package io.alertstream.topology.processors;

import io.alertstream.topology.model.Rejected;
import io.alertstream.topology.model.Routed;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds dead-letter records: the original key and value bytes, with headers that say why and where
 * from, so an operator can find, fix and replay the input.
 */
public final class DeadLetters {
    public static final String ERROR_TYPE = "alertstream.error.type";
    public static final String ERROR_MESSAGE = "alertstream.error.message";
    public static final String SOURCE_TOPIC = "alertstream.source.topic";
    public static final String SOURCE_PARTITION = "alertstream.source.partition";
    public static final String SOURCE_OFFSET = "alertstream.source.offset";
    public static final String RULE = "alertstream.rule";

    private DeadLetters() {
    }

    /** A dead-letter record for the record being processed; {@code rule} may be null. */
    public static <K> Record<K, Routed> record(ProcessorContext<?, ?> context, Record<?, ?> input, K key, byte[] originalKey,
                                               byte[] originalValue, String type, String message, String rule) {
        // Keep the producer's own headers (tracing ids, say) so the record can be replayed as it came.
        RecordHeaders headers = new RecordHeaders(input.headers().toArray());
        headers.add(ERROR_TYPE, utf8(type));
        headers.add(ERROR_MESSAGE, utf8(message));
        RecordMetadata meta = context.recordMetadata().orElse(null);
        if (meta != null) {
            headers.add(SOURCE_TOPIC, utf8(meta.topic()));
            headers.add(SOURCE_PARTITION, utf8(String.valueOf(meta.partition())));
            headers.add(SOURCE_OFFSET, utf8(String.valueOf(meta.offset())));
        }
        if (rule != null) {
            headers.add(RULE, utf8(rule));
        }
        return new Record<K, Routed>(key, new Rejected(originalKey, originalValue), input.timestamp(), headers);
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
