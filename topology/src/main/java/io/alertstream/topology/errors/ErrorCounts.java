package io.alertstream.topology.errors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many records the exception handlers skipped in this JVM, by reason. Handlers get no metrics
 * registry from Kafka Streams; Streams' own {@code dropped-records-total} counts the same records per
 * task, and this is the per-reason view (logged, and read by tests to prove no handler fired).
 */
public final class ErrorCounts {
    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private ErrorCounts() {
    }

    static void record(String reason) {
        COUNTS.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Records skipped for {@code reason} since the JVM started. */
    public static long get(String reason) {
        AtomicLong n = COUNTS.get(reason);
        return n == null ? 0 : n.get();
    }

    /** Records skipped for any reason since the JVM started. */
    public static long total() {
        return COUNTS.values().stream().mapToLong(AtomicLong::get).sum();
    }
}
