package io.alertstream.topology.processors;

import io.alertstream.topology.model.Rejected;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input: dead-letter records ({@link Rejected}: the original key and value bytes, headers from
 * {@link DeadLetters}). Output: the record to write, keyed and valued by the original bytes, at most
 * {@code maxBytes} (key + value + headers). A larger one loses, in this order and only as far as needed,
 * its original value, its original key and the producer's own headers; a {@link DeadLetters#DROPPED}
 * header says what was left out, and the source topic, partition and offset headers still point at the
 * original ({@link #bound}, also used by the exception handlers' dead letters).
 *
 * <p>Why: the producer refuses a record above {@code max.request.size} (1 MiB by default). An event of
 * almost 1 MiB is valid input, and its dead letter adds headers; a refused dead letter inside a stream
 * thread would stop the thread, and under exactly-once it aborts the transaction, so the replacement
 * thread reads the same event and fails again.
 */
public final class DeadLetterSizeLimit implements Processor<byte[], Rejected, byte[], byte[]> {
    /** Per-record overhead Kafka adds beyond the bytes counted here (lengths, attributes, batch header), rounded up. */
    static final int RECORD_OVERHEAD = 128;
    private final int maxBytes;
    private ProcessorContext<byte[], byte[]> context;

    /** A dead letter's parts after {@link #bound}. */
    public record Bounded(byte[] key, byte[] value, Headers headers) {
    }

    public DeadLetterSizeLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], Rejected> record) {
        Bounded b = bound(record.value().key(), record.value().value(), record.headers(), maxBytes);
        context.forward(new Record<>(b.key(), b.value(), record.timestamp(), b.headers()));
    }

    /** The record's parts, unchanged when they fit in {@code maxBytes}, else with value, key, producer headers left out as needed. */
    public static Bounded bound(byte[] key, byte[] value, Headers headers, int maxBytes) {
        long size = size(key) + size(value) + size(headers);
        if (size <= maxBytes) {
            return new Bounded(key, value, headers);
        }
        StringBuilder dropped = new StringBuilder();
        Headers out = new RecordHeaders(headers.toArray());
        if (value != null) {
            size -= value.length;
            dropped.append("value (").append(value.length).append(" bytes)");
            value = null;
        }
        if (size > maxBytes && key != null) {
            size -= key.length;
            dropped.append(dropped.isEmpty() ? "" : ", ").append("key (").append(key.length).append(" bytes)");
            key = null;
        }
        if (size > maxBytes) {
            out = ownHeadersOnly(out);
            dropped.append(dropped.isEmpty() ? "" : ", ").append("the producer's headers");
        }
        dropped.append(": the dead letter would exceed alertstream.dead-letter.max.bytes=").append(maxBytes)
                .append("; read the original at the source topic, partition and offset in the headers");
        out.add(DeadLetters.DROPPED, dropped.toString().getBytes(StandardCharsets.UTF_8));
        return new Bounded(key, value, out);
    }

    static long size(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    static long size(Headers headers) {
        long n = RECORD_OVERHEAD;
        for (Header h : headers) {
            n += h.key().length() * 3L + size(h.value()) + 8;
        }
        return n;
    }

    /** Only the alertstream.* headers dead letters carry: few and small (the message is cut to 1 KB). */
    static Headers ownHeadersOnly(Headers headers) {
        RecordHeaders own = new RecordHeaders();
        for (Header h : headers) {
            if (h.key().startsWith("alertstream.")) {
                own.add(h);
            }
        }
        return own;
    }
}
