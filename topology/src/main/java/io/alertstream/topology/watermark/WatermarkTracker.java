package io.alertstream.topology.watermark;

import java.util.HashMap;
import java.util.Map;

/**
 * The watermark of one evaluating task: the minimum event-time progress over ALL upstream tasks,
 * learned from the watermark records each of them sends to every partition of the fan-out topic.
 * Until every upstream task has been heard from it does not advance; idle upstream tasks are left
 * out (unless all are idle: then the idle ones that had data decide); the result never goes back. Because watermark records travel in the
 * same partitions as the data, behind it, a slower upstream task can never have its events judged
 * late by a faster one.
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
        long active = Long.MAX_VALUE;
        long idle = Long.MAX_VALUE;
        boolean anyActive = false;
        for (long[] s : sources.values()) {
            if (s[1] == 0) {
                anyActive = true;
                active = Math.min(active, s[0]);
            } else if (s[0] != Long.MIN_VALUE) {
                idle = Math.min(idle, s[0]); // an idle source that never had data has no time to hold anyone to
            }
        }
        if (anyActive) {
            return active;
        }
        return idle == Long.MAX_VALUE ? Long.MIN_VALUE : idle;
    }

    public long current() {
        return current;
    }

    public long sourceTime(int source) {
        long[] s = sources.get(source);
        return s == null ? Long.MIN_VALUE : s[0];
    }
}
