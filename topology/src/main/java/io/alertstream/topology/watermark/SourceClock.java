package io.alertstream.topology.watermark;

import java.util.HashMap;
import java.util.Map;

/**
 * The event-time progress of one upstream task: per input partition, the newest event time seen and
 * when (wall clock) data last arrived. The task's watermark is the minimum over its active partitions.
 * A partition with no data for the idle timeout stops counting; when every partition is idle the
 * watermark moves on with the wall clock from the newest data, so that a silent stream still closes
 * its windows. Before any data, the task holds the watermark back for one idle timeout after it
 * started: a task that is about to read a backlog must not be taken for an idle one.
 */
public final class SourceClock {
    private final long idleTimeoutMs;
    private final long startedAtMs;
    private final Map<String, long[]> partitions = new HashMap<>();

    /** The watermark to publish. */
    public record Reading(long time, boolean idle) {
    }

    public SourceClock(long idleTimeoutMs, long startedAtMs) {
        this.idleTimeoutMs = idleTimeoutMs;
        this.startedAtMs = startedAtMs;
    }

    public void observe(String partition, long eventTime, long nowMs) {
        long[] p = partitions.computeIfAbsent(partition, k -> new long[] {Long.MIN_VALUE, nowMs});
        p[0] = Math.max(p[0], eventTime);
        p[1] = nowMs;
    }

    public Reading read(long nowMs) {
        if (partitions.isEmpty()) {
            return new Reading(Long.MIN_VALUE, nowMs - startedAtMs >= idleTimeoutMs);
        }
        long active = Long.MAX_VALUE;
        long idle = Long.MAX_VALUE;
        boolean anyActive = false;
        for (long[] p : partitions.values()) {
            long silentFor = nowMs - p[1];
            if (silentFor < idleTimeoutMs) {
                anyActive = true;
                active = Math.min(active, p[0]);
            } else {
                idle = Math.min(idle, p[0] + silentFor);
            }
        }
        return anyActive ? new Reading(active, false) : new Reading(idle, true);
    }
}
