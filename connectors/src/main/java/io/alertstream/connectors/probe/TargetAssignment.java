package io.alertstream.connectors.probe;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which task probes which target, and at which phase of its interval.
 *
 * <p>Input: a target id. Output: a task index in [0, tasks) and a phase in [0, interval). Semantics: both are
 * murmur2 hashes of the id (Kafka's partitioner hash), so they are stable across restarts, JVMs and versions,
 * and every task computes the same owner without talking to the others. The phase hashes a salted id, so
 * targets of one task do not all share the same phase.
 */
public final class TargetAssignment {
    private final int taskIndex;
    private final int taskCount;

    public TargetAssignment(int taskIndex, int taskCount) {
        if (taskCount < 1 || taskIndex < 0 || taskIndex >= taskCount) {
            throw new IllegalArgumentException("task " + taskIndex + " of " + taskCount);
        }
        this.taskIndex = taskIndex;
        this.taskCount = taskCount;
    }

    /** The task (0-based) of {@code tasks} that probes {@code targetId}. */
    public static int taskOf(String targetId, int tasks) {
        return Utils.toPositive(Utils.murmur2(targetId.getBytes(StandardCharsets.UTF_8))) % tasks;
    }

    /** Offset of the target's schedule slots within each interval, in ms. */
    public static long phaseOf(String targetId, long intervalMs) {
        int hash = Utils.toPositive(Utils.murmur2(("phase:" + targetId).getBytes(StandardCharsets.UTF_8)));
        return hash % intervalMs;
    }

    public boolean owns(String targetId) {
        return taskOf(targetId, taskCount) == taskIndex;
    }

    public int taskIndex() {
        return taskIndex;
    }

    public int taskCount() {
        return taskCount;
    }
}
