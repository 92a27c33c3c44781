package io.alertstream.topology.watermark;

import java.util.Map;

/**
 * What this instance knows about unread input: per input partition ({@code topic-partition}), how many
 * records lie between the application's committed position and the log end. Idleness must mean
 * "nothing to read", not "nothing read lately": a task starved of CPU, paused by a rebalance, or just
 * moved to this instance after a crash reads nothing for a while although its partition holds a
 * backlog, and declaring it idle would let the watermark overtake its data.
 *
 * <p>The running application measures lag at the broker (see InputLagProbe) and, until its first
 * reading, treats every partition as unread. Under TopologyTestDriver ({@link #unknown()}) nothing is
 * ever unread and idleness falls back to wall-clock silence alone.
 */
public final class SourceBacklog {
    private final boolean unreadUntilKnown;
    private volatile Map<String, Long> lag;

    private SourceBacklog(boolean unreadUntilKnown) {
        this.unreadUntilKnown = unreadUntilKnown;
    }

    /** A view that never knows anything: idleness by silence alone (tests). */
    public static SourceBacklog unknown() {
        return new SourceBacklog(false);
    }

    /** A view for a running application: everything counts as unread until the first measurement. */
    public static SourceBacklog measured() {
        return new SourceBacklog(true);
    }

    public void update(Map<String, Long> lagByPartition) {
        this.lag = Map.copyOf(lagByPartition);
    }

    /**
     * Records not yet processed and committed over all input partitions, or -1 before the first reading
     * (readiness of {@code alertstream run} waits for this to fall under a bound).
     */
    public long totalUnread() {
        Map<String, Long> current = lag;
        return current == null ? -1 : current.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Whether the partition may have records not yet processed and committed. */
    public boolean hasUnread(String topicPartition) {
        Map<String, Long> current = lag;
        if (current == null) {
            return unreadUntilKnown;
        }
        Long l = current.get(topicPartition);
        return l == null ? unreadUntilKnown : l > 0;
    }
}
