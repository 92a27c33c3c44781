package io.alertstream.topology.watermark;

import java.util.HashMap;
import java.util.Map;

/**
 * The watermark of one evaluating task: the minimum event-time progress over ALL upstream tasks,
 * learned from the watermark records each of them sends to every partition of the fan-out topic.
 * Until every upstream task has been heard from it does not advance; the result never goes back.
 * Because watermark records travel in the same partitions as the data, behind it, a slower upstream
 * task can never have its events judged late by a faster one.
 *
 * <p>An idle upstream task still counts, at the time it reports (its newest event time plus the
 * wall-clock time it has been silent, see {@link SourceClock}); only one that never had data, and so
 * has no time, is left out. Leaving idle tasks out altogether would let the others carry the
 * watermark past anything the idle one reads later: data that reaches its partition after it went
 * quiet, and above all data that arrives while it is down (killed, or moving to another instance).
 * Its last reading says "idle" until a new owner reports, and meanwhile the others, catching up a
 * backlog faster than the wall clock, would close the windows of that data. Counted at its own
 * time, an idle source holds no one back in a live stream (its time follows the wall clock) and
 * holds a backlog back only as far as it must.
 */
public final class WatermarkTracker {
    private final Map<Integer, long[]> sources = new HashMap<>();
    private int expectedSources;
    private long current = Long.MIN_VALUE;

    public WatermarkTracker(int expectedSources) {
        this.expectedSources = expectedSources;
    }

    /** Restores a persisted source reading (after a restart or a rebalance). */
    public void restore(int source, long time, boolean idle) {
        sources.put(source, new long[] {time, idle ? 1 : 0});
    }

    public void restoreCurrent(long watermark) {
        current = Math.max(current, watermark);
    }

    /**
     * Takes one upstream reading; returns whether the watermark moved. A source's time never goes back,
     * so a task restarting elsewhere (and reporting from scratch) cannot pull the watermark down.
     */
    public boolean update(int source, int sourceCount, long time, boolean idle) {
        expectedSources = Math.max(expectedSources, Math.max(sourceCount, source + 1));
        long[] s = sources.computeIfAbsent(source, k -> new long[] {Long.MIN_VALUE, 0});
        s[0] = Math.max(s[0], time);
        s[1] = idle ? 1 : 0;
        long before = current;
        current = Math.max(current, compute());
        return current != before;
    }

    private long compute() {
        if (sources.size() < expectedSources) {
            return Long.MIN_VALUE;
        }
        long min = Long.MAX_VALUE;
        for (long[] s : sources.values()) {
            if (s[1] == 0 || s[0] != Long.MIN_VALUE) { // an idle source that never had data has no time to hold anyone to
                min = Math.min(min, s[0]);
            }
        }
        return min == Long.MAX_VALUE ? Long.MIN_VALUE : min;
    }

    public long current() {
        return current;
    }

    /** Every upstream reading, for diagnostics: {@code source=time(idle)}. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        new java.util.TreeMap<>(sources).forEach((source, s) -> out.append(out.length() == 0 ? "" : ", ").append(source).append('=')
                .append(s[0] == Long.MIN_VALUE ? "none" : java.time.Instant.ofEpochMilli(s[0]).toString()).append(s[1] == 1 ? " idle" : ""));
        return out.toString();
    }

    public long sourceTime(int source) {
        long[] s = sources.get(source);
        return s == null ? Long.MIN_VALUE : s[0];
    }
}
