package io.alertstream.topology.digest;

import static io.alertstream.topology.deadletter.DeadLetters.SOURCE_OFFSET;
import static io.alertstream.topology.deadletter.DeadLetters.SOURCE_PARTITION;
import static io.alertstream.topology.deadletter.DeadLetters.SOURCE_TOPIC;

import io.alertstream.topology.deadletter.DeadLetters;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Where a digest input came from, as {@code alertstream.source.*} headers (the names
 * {@link DeadLetters} uses). The parsers attach them to every good input so that they travel through the
 * repartition topic: a record the digest processor must refuse is then dead-lettered with the topic,
 * partition and offset the operator can find, not those of the internal topic.
 */
final class Origin {
    private Origin() {
    }

    /** Headers naming the record being processed (empty when it has no metadata, e.g. from a punctuation). */
    static Headers of(ProcessorContext<?, ?> context) {
        RecordHeaders headers = new RecordHeaders();
        context.recordMetadata().ifPresent(m -> {
            headers.add(SOURCE_TOPIC, utf8(m.topic()));
            headers.add(SOURCE_PARTITION, utf8(String.valueOf(m.partition())));
            headers.add(SOURCE_OFFSET, utf8(String.valueOf(m.offset())));
        });
        return headers;
    }

    /** Dead-letter headers: the reason, then the origin carried by {@code carried}. */
    static Headers deadLetter(Headers carried, String type, String message) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetters.ERROR_TYPE, utf8(type));
        headers.add(DeadLetters.ERROR_MESSAGE, utf8(message));
        for (String name : new String[] {SOURCE_TOPIC, SOURCE_PARTITION, SOURCE_OFFSET}) {
            if (carried.lastHeader(name) != null) {
                headers.add(name, carried.lastHeader(name).value());
            }
        }
        return headers;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
