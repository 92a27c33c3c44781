package io.alertstream.topology.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds dead-letter records: the original key and value bytes, with headers that say why and where
 * from, so an operator can find, fix and replay the input. Reasons are listed in
 * {@link DeadLetterReasons}. The message header is cut to {@link #MAX_MESSAGE_BYTES}: it may quote the
 * input (a 600 KB timestamp string), and the record must stay under the producer's size limit
 * (the whole record is bounded by {@link DeadLetterSizeLimit}).
 */
public final class DeadLetters {
    public static final String ERROR_TYPE = "alertstream.error.type";
    public static final String ERROR_MESSAGE = "alertstream.error.message";
    public static final String SOURCE_TOPIC = "alertstream.source.topic";
    public static final String SOURCE_PARTITION = "alertstream.source.partition";
    public static final String SOURCE_OFFSET = "alertstream.source.offset";
    public static final String RULE = "alertstream.rule";
    /** Present when the original value (or key, or producer headers) was left out for size; says what and why. */
    public static final String DROPPED = "alertstream.dropped";
    /** Header naming the processor (or sink) whose exception a Streams exception handler caught. */
    public static final String PROCESSOR = "alertstream.processor";
    /** Header with the exception class, on the exception handlers' dead letters. */
    public static final String EXCEPTION = "alertstream.error.exception";
    /**
     * The headers a dead letter's builder writes. An input record's headers of these names are not copied
     * (a producer cannot forge a reason or coordinates, nor make them large enough to refuse the dead letter).
     */
    public static final List<String> OWN_HEADERS = List.of(ERROR_TYPE, ERROR_MESSAGE, SOURCE_TOPIC, SOURCE_PARTITION,
            SOURCE_OFFSET, RULE, DROPPED, PROCESSOR, EXCEPTION);

    /** Longest error message header, in UTF-8 bytes, the ellipsis included. */
    public static final int MAX_MESSAGE_BYTES = 1024;
    static final String ELLIPSIS = "…[truncated]";

    private DeadLetters() {
    }

    /**
     * A dead-letter record for the record being processed: the producer's own headers (so it can be replayed as it
     * came), then the reason, the record's coordinates and {@code rule} (may be null).
     */
    public static <K> Record<K, DeadLetter> record(ProcessorContext<?, ?> context, Record<?, ?> input, K key, byte[] originalKey,
                                                   byte[] originalValue, String type, String message, String rule) {
        Headers headers = headers(producerHeaders(input.headers()), type, message,
                context.recordMetadata().map(Source::of).orElse(null), rule);
        // Kafka refuses negative record timestamps: a dead letter for a pre-1970 event keeps the input's
        // time only when it is one Kafka accepts.
        long timestamp = Math.max(0, input.timestamp());
        return new Record<>(key, new DeadLetter(originalKey, originalValue), timestamp, headers);
    }

    /**
     * The one builder of a dead letter's headers: {@code carried} (the producer's own, or none), then the reason
     * ({@link #ERROR_TYPE}), the message cut to {@link #MAX_MESSAGE_BYTES}, where the input was read ({@code source},
     * null when unknown) and the rule ({@code rule}, may be null). Callers with more to say (the exception
     * handlers' processor and exception class) add their headers after these.
     */
    public static RecordHeaders headers(Headers carried, String type, String message, Source source, String rule) {
        RecordHeaders headers = new RecordHeaders(carried.toArray());
        headers.add(ERROR_TYPE, utf8(type));
        headers.add(ERROR_MESSAGE, truncated(message, MAX_MESSAGE_BYTES));
        if (source != null) {
            source.addTo(headers);
        }
        if (rule != null) {
            headers.add(RULE, utf8(rule));
        }
        return headers;
    }

    /** Where an input was read, as the {@code alertstream.source.*} headers hold it. */
    public record Source(String topic, String partition, String offset) {
        public static Source of(RecordMetadata meta) {
            return new Source(meta.topic(), String.valueOf(meta.partition()), String.valueOf(meta.offset()));
        }

        public static Source of(String topic, int partition, long offset) {
            return new Source(topic, String.valueOf(partition), String.valueOf(offset));
        }

        /** The coordinates a record carries in its {@code alertstream.source.*} headers, or null when it carries none. */
        public static Source carriedBy(Headers headers) {
            Header topic = headers.lastHeader(SOURCE_TOPIC);
            if (topic == null) {
                return null;
            }
            return new Source(text(topic), text(headers.lastHeader(SOURCE_PARTITION)), text(headers.lastHeader(SOURCE_OFFSET)));
        }

        /** These coordinates as {@code alertstream.source.*} headers, for a record that carries its origin onward. */
        public Headers asHeaders() {
            RecordHeaders headers = new RecordHeaders();
            addTo(headers);
            return headers;
        }

        void addTo(Headers headers) {
            headers.add(SOURCE_TOPIC, utf8(topic));
            headers.add(SOURCE_PARTITION, utf8(partition));
            headers.add(SOURCE_OFFSET, utf8(offset));
        }

        private static String text(Header h) {
            return h == null || h.value() == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
        }
    }

    /** A copy of an input record's headers without those of {@link #OWN_HEADERS}, which the dead letter's builder writes. */
    public static RecordHeaders producerHeaders(Headers input) {
        RecordHeaders copy = new RecordHeaders();
        if (input != null) {
            for (Header h : input) {
                if (!OWN_HEADERS.contains(h.key())) {
                    copy.add(h);
                }
            }
        }
        return copy;
    }

    /** {@code s} in UTF-8, cut to at most {@code maxBytes} bytes (ending in {@link #ELLIPSIS} when cut), never mid-character. */
    public static byte[] truncated(String s, int maxBytes) {
        byte[] bytes = utf8(s);
        if (bytes.length <= maxBytes) {
            return bytes;
        }
        byte[] marker = utf8(ELLIPSIS);
        int keep = Math.max(0, maxBytes - marker.length);
        // Step back over UTF-8 continuation bytes (10xxxxxx), so the cut falls between characters.
        while (keep > 0 && (bytes[keep] & 0xC0) == 0x80) {
            keep--;
        }
        byte[] out = new byte[keep + marker.length];
        System.arraycopy(bytes, 0, out, 0, keep);
        System.arraycopy(marker, 0, out, keep, marker.length);
        return out;
    }

    /** At most {@code maxChars} characters of {@code s}, for quoting input in a message. */
    public static String quote(String s, int maxChars) {
        return s.length() <= maxChars ? s : s.substring(0, maxChars) + "…(" + s.length() + " characters)";
    }

    private static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}
