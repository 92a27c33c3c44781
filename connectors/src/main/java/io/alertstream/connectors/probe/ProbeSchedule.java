package io.alertstream.connectors.probe;

/**
 * The schedule slots of a target: the instants {@code k * interval + phase} (epoch ms), phase from
 * {@link TargetAssignment#phaseOf}.
 *
 * <p>{@link #resume} decides the first slot to run after a (re)start from the last committed slot: the next
 * slot after it, or, if more than one interval was missed, the most recent past slot. So a restart or a
 * rebalance runs a missed slot late instead of skipping it, but never a burst of old ones.
 */
public final class ProbeSchedule {
    private ProbeSchedule() {
    }

    /** The first slot strictly after {@code ms}. */
    public static long slotAfter(long ms, long intervalMs, long phase) {
        return Math.floorDiv(ms - phase, intervalMs) * intervalMs + phase + intervalMs;
    }

    /** The first slot at or after {@code ms}. */
    public static long slotAtOrAfter(long ms, long intervalMs, long phase) {
        return slotAfter(ms - 1, intervalMs, phase);
    }

    /** The last slot at or before {@code ms}. */
    public static long slotAtOrBefore(long ms, long intervalMs, long phase) {
        return slotAfter(ms, intervalMs, phase) - intervalMs;
    }

    /**
     * The first slot to run at {@code nowMs}.
     *
     * @param lastScheduledMs the slot of the last check whose result was committed, or null for a new target
     */
    public static long resume(Long lastScheduledMs, long nowMs, long intervalMs, long phase) {
        if (lastScheduledMs == null) {
            return slotAtOrAfter(nowMs, intervalMs, phase);
        }
        long next = slotAfter(lastScheduledMs, intervalMs, phase);
        long latestPast = slotAtOrBefore(nowMs, intervalMs, phase);
        return Math.max(next, latestPast);
    }
}
