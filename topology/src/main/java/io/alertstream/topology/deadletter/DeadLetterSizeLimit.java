package io.alertstream.topology.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input: dead-letter records ({@link DeadLetter}: the original key and value bytes, headers from
 * {@link DeadLetters}). Output: the record to write, keyed and valued by the original bytes, at most
 * {@code maxBytes} (key + value + headers). A larger one loses, in this order and only as far as needed,
 * the producer's own headers, its original value and its original key; a {@link DeadLetters#DROPPED}
 * header says what was left out, and the source topic, partition and offset headers still point at the
 * original ({@link #bound}, also used by the exception handlers' dead letters).
 *
 * <p>Why: the producer refuses a record above {@code max.request.size} (1 MiB by default). An event of
 * almost 1 MiB is valid input, and its dead letter adds headers; a refused dead letter inside a stream
 * thread would stop the thread, and under exactly-once it aborts the transaction, so the replacement
 * thread reads the same event and fails again.
 */
public final class DeadLetterSizeLimit<K, V> implements Processor<K, V, byte[], byte[]> {
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
    public void process(Record<K, V> record) {
        // Its input is a split by type: every value is a dead letter.
        DeadLetter letter = (DeadLetter) record.value();
        Bounded b = bound(letter.key(), letter.value(), record.headers(), maxBytes);
        context.forward(new Record<>(b.key(), b.value(), record.timestamp(), b.headers()));
    }

    /**
     * The record's parts, unchanged when they fit in {@code maxBytes}; else, in this order and only as far as
     * needed: the producer's headers left out (the dead letter's own, each cut to
     * {@link DeadLetters#MAX_MESSAGE_BYTES}, stay), then the original value, then the original key.
     */
    public static Bounded bound(byte[] key, byte[] value, Headers headers, int maxBytes) {
        long size = size(key) + size(value) + size(headers);
        if (size <= maxBytes) {
            return new Bounded(key, value, headers);
        }
        List<String> dropped = new ArrayList<>();
        Headers out = ownHeadersOnly(headers);
        long producerHeaderBytes = size(headers) - size(out);
        if (producerHeaderBytes > 0) {
            size -= producerHeaderBytes;
            dropped.add("the producer's headers (" + producerHeaderBytes + " bytes)");
        }
        if (size > maxBytes && value != null) {
            size -= value.length;
            dropped.add("value (" + value.length + " bytes)");
            value = null;
        }
        if (size > maxBytes && key != null) {
            dropped.add("key (" + key.length + " bytes)");
            key = null;
        }
        String text = String.join(", ", dropped) + ": the dead letter would exceed alertstream.dead-letter.max.bytes="
                + maxBytes + "; read the original at the source topic, partition and offset in the headers";
        out.add(DeadLetters.DROPPED, text.getBytes(StandardCharsets.UTF_8));
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

    /**
     * The dead letter's own headers ({@link DeadLetters#OWN_HEADERS}), the last of each name (the builder
     * writes its own after the input's), each cut to {@link DeadLetters#MAX_MESSAGE_BYTES}: at most a few KB.
     */
    static Headers ownHeadersOnly(Headers headers) {
        RecordHeaders own = new RecordHeaders();
        for (String name : DeadLetters.OWN_HEADERS) {
            Header h = headers.lastHeader(name);
            if (h != null && !name.equals(DeadLetters.DROPPED)) {
                byte[] v = h.value() == null || h.value().length <= DeadLetters.MAX_MESSAGE_BYTES ? h.value()
                        : DeadLetters.truncated(new String(h.value(), StandardCharsets.UTF_8), DeadLetters.MAX_MESSAGE_BYTES);
                own.add(name, v);
            }
        }
        return own;
    }
}
