package io.alertstream.topology.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What a dead-letter record says about itself: why it was refused, where it came from, and the original
 * record to replay. Reads both header families on our dead-letter topics: alertstream's own
 * ({@code alertstream.error.*}, {@code alertstream.source.*}), written by the Streams application, and
 * Kafka Connect's ({@code __connect.errors.*}), written by the connectors with
 * {@code errors.deadletterqueue.context.headers.enable=true}.
 *
 * @param reason  the error type ({@code malformed-json}, {@code future-timestamp}, ...) or Connect's exception class
 * @param message the error message, as written (possibly truncated by the writer)
 * @param sourceTopic     the topic the original record was read from, or null when not recorded
 * @param sourcePartition its partition, or -1
 * @param sourceOffset    its offset, or -1
 * @param originalHeaders the original record's own headers, with every dead-letter header removed
 * @param replayable      false when the writer had to leave out the original value or key (too large to dead-letter)
 */
public record DeadLetterView(ConsumerRecord<byte[], byte[]> record, String reason, String message, String sourceTopic,
                             int sourcePartition, long sourceOffset, Headers originalHeaders, boolean replayable) {

    private static final String ALERTSTREAM_PREFIX = "alertstream.";
    private static final String CONNECT_PREFIX = "__connect.errors.";
    /**
     * Set by a writer that left out parts of the original to keep the dead letter under the producer's size
     * limit ({@code value (N bytes), key (N bytes), the producer's headers: ...}); the source headers still
     * point at the original.
     */
    public static final String DROPPED = "alertstream.dropped";

    public static DeadLetterView of(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        String reason = first(headers, "alertstream.error.type", "__connect.errors.exception.class.name");
        String message = first(headers, "alertstream.error.message", "__connect.errors.exception.message");
        String topic = first(headers, "alertstream.source.topic", "__connect.errors.topic");
        int partition = (int) number(first(headers, "alertstream.source.partition", "__connect.errors.partition"));
        long offset = number(first(headers, "alertstream.source.offset", "__connect.errors.offset"));
        List<Header> kept = new ArrayList<>();
        for (Header h : headers) {
            if (!h.key().startsWith(ALERTSTREAM_PREFIX) && !h.key().startsWith(CONNECT_PREFIX)) {
                kept.add(h);
            }
        }
        String dropped = first(headers, DROPPED);
        // Without its value or key the original cannot be rebuilt from the dead letter; without only the
        // producer's headers it can, as the application saw it.
        boolean replayable = dropped == null || !(dropped.startsWith("value") || dropped.contains("key ("));
        return new DeadLetterView(record, reason == null ? "unknown" : reason, message, topic, partition, offset,
                new RecordHeaders(kept.toArray(new Header[0])), replayable);
    }

    /** {@code topic-partition@offset} of the original record, or "unknown origin". */
    public String origin() {
        return sourceTopic == null ? "unknown origin" : sourceTopic + "-" + sourcePartition + "@" + sourceOffset;
    }

    private static String first(Headers headers, String... keys) {
        for (String key : keys) {
            Header h = headers.lastHeader(key);
            if (h != null && h.value() != null) {
                return new String(h.value(), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static long number(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
