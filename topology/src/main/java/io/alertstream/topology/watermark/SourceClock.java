package io.alertstream.topology.watermark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The event-time progress of one upstream task: per input partition, the newest event time seen and
 * when (wall clock) data last arrived. A partition is idle when it has had no data for the idle
 * timeout AND has no unread records (see SourceBacklog); an idle partition's time then moves on with
 * the wall clock from its newest data, so that a silent stream still closes its windows. The task's
 * watermark is the minimum over its partitions, idle ones at that moving time: an idle partition never
 * lets the others carry the watermark past data it reads later (see WatermarkTracker). Before any data,
 * the task holds the watermark back for one idle timeout after it started, and longer while its
 * partitions have unread records: a task that is about to read a backlog must not be taken for idle;
 * after that it reads as idle with no time, which never holds back the tasks that do have data (see
 * WatermarkTracker). It reports no wall-clock time: a source's time never goes back, so a time
 * reported while it had no data would outrun the data it reads later.
 *
 * <p>The reading never runs ahead of the wall clock: an event stamped ahead (a producer whose clock
 * runs fast) counts as if stamped now, so it cannot close a window that on-time events of other
 * producers are still filling.
 *
 * <p>What it knows of each partition survives a restart ({@link #changed()}, {@link #restore}): a
 * partition that had data before and none since must go on reading as idle at its newest time plus its
 * silence. Started from nothing it would report no time, and the evaluating tasks, which never let a
 * source's time go back, would keep its pre-restart time and hold every window behind it until the
 * partition got data again.
 */
public final class SourceClock {
    private final long idleTimeoutMs;
    private final long startedAtMs;
    private final List<String> ownPartitions;
    private final Map<String, long[]> partitions = new HashMap<>();

    /** The watermark to publish. */
    public record Reading(long time, boolean idle) {
    }

    /** What the clock knows of one partition: its newest event time and when (wall clock) data last arrived. */
    public record PartitionTime(long newestEventTime, long lastDataMs) {
    }

    public SourceClock(long idleTimeoutMs, long startedAtMs) {
        this(idleTimeoutMs, startedAtMs, List.of());
    }

    /** @param ownPartitions the input partitions this task reads ({@code topic-partition}), known before any data */
    public SourceClock(long idleTimeoutMs, long startedAtMs, List<String> ownPartitions) {
        this.idleTimeoutMs = idleTimeoutMs;
        this.startedAtMs = startedAtMs;
        this.ownPartitions = List.copyOf(ownPartitions);
    }

    public void observe(String partition, long eventTime, long nowMs) {
        long[] p = partitions.computeIfAbsent(partition, k -> new long[] {Long.MIN_VALUE, nowMs, 0});
        p[0] = Math.max(p[0], Math.min(eventTime, nowMs));
        p[1] = nowMs;
        p[2] = 1;
    }

    /** Takes back what a previous run of this task knew of a partition (see {@link #changed()}). */
    public void restore(String partition, PartitionTime time) {
        partitions.put(partition, new long[] {time.newestEventTime(), time.lastDataMs(), 0});
    }

    /** The partitions observed since the last call, with what the clock now knows of them: what to persist. */
    public Map<String, PartitionTime> changed() {
        Map<String, PartitionTime> changed = new HashMap<>();
        partitions.forEach((partition, p) -> {
            if (p[2] == 1) {
                p[2] = 0;
                changed.put(partition, new PartitionTime(p[0], p[1]));
            }
        });
        return changed;
    }

    public Reading read(long nowMs) {
        return read(nowMs, partition -> false);
    }

    public Reading read(long nowMs, Predicate<String> hasUnread) {
        if (partitions.isEmpty()) {
            boolean backlog = ownPartitions.stream().anyMatch(hasUnread);
            return new Reading(Long.MIN_VALUE, !backlog && nowMs - startedAtMs >= idleTimeoutMs);
        }
        long active = Long.MAX_VALUE;
        long idle = Long.MAX_VALUE;
        boolean anyActive = false;
        for (Map.Entry<String, long[]> e : partitions.entrySet()) {
            long[] p = e.getValue();
            long silentFor = nowMs - p[1];
            if (silentFor < idleTimeoutMs || hasUnread.test(e.getKey())) {
                anyActive = true;
                active = Math.min(active, p[0]);
            } else {
                idle = Math.min(idle, p[0] + silentFor);
            }
        }
        return anyActive ? new Reading(Math.min(active, idle), false) : new Reading(idle, true);
    }
}
