package io.alertstream.topology.watermark;

import java.util.Map;

/**
 * What this instance knows about unread input: per input partition ({@code topic-partition}), how far
 * the log end is ahead of the committed position. Idleness must mean "nothing to read", not "nothing
 * read lately": a task starved of CPU or paused by a rebalance reads nothing for a while although its
 * partition holds a backlog, and declaring it idle would let the watermark overtake its data.
 * The runtime refreshes this from Kafka Streams' task metadata; under TopologyTestDriver it stays
 * empty and idleness falls back to wall-clock silence alone.
 */
public final class SourceBacklog {
    private volatile Map<String, Long> lag = Map.of();

    /** A view that never knows anything: idleness by silence alone. */
    public static SourceBacklog unknown() {
        return new SourceBacklog();
    }

    public void update(Map<String, Long> lagByPartition) {
        this.lag = Map.copyOf(lagByPartition);
    }

    /** Whether the partition is known to have records not yet processed and committed. */
    public boolean hasUnread(String topicPartition) {
        Long l = lag.get(topicPartition);
        return l != null && l > 0;
    }
}
