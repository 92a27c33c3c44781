package io.alertstream.topology.processors;

import io.alertstream.topology.InputLimits;
import io.alertstream.topology.rules.WindowSpec;

/**
 * Input: a rule's window. Output: how many distinct values one window of a distinct_count rule keeps,
 * so that one group's state (every open window's value hashes, 8 bytes each) stays within
 * {@code alertstream.state.max.distinct.bytes}. A group's state is one changelog record: above the
 * producer's {@code max.request.size} (1 MiB) it cannot be written, which would stop the stream thread
 * on every restart. Values past the limit are not counted (the aggregate under-counts, and says so in
 * the {@code distinct-values-dropped-total} metric and a rate-limited warning).
 *
 * <p>Windows a group keeps open at once: those containing the newest events
 * ({@link WindowSpec#windowsPerEvent()}), those still within grace, and one more being opened; more
 * only while the watermark lags far behind the newest events (a backlog), which this bound does not
 * cover exactly.
 */
public final class DistinctLimit {
    private final long budgetBytes;

    public DistinctLimit(InputLimits limits) {
        this.budgetBytes = limits.maxDistinctBytes();
    }

    public int perWindow(WindowSpec window) {
        long open = window.windowsPerEvent() + (window.graceMs() + window.advanceMs() - 1) / window.advanceMs() + 1;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, budgetBytes / Long.BYTES / open));
    }
}
