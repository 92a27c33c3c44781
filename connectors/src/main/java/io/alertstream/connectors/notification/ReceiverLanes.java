package io.alertstream.connectors.notification;

import io.alertstream.connectors.common.RecordCoordinates;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Notifications waiting for delivery, one FIFO lane per receiver.
 *
 * <p>Input: accepted notifications with their lane key. Output: the lanes due for an attempt (those that
 * never failed first, then failing ones whose backoff has passed), and per partition the offset of the
 * oldest notification still waiting, which is as far as offsets may be committed. Semantics: only a lane's
 * head is attempted; a failing head holds back its own lane only, so one dead receiver delays no other.
 * Not thread-safe: used from the task thread only.
 */
final class ReceiverLanes {

    /** A notification waiting in a lane. */
    record Pending(SinkRecord record, ReceivedNotification notification, long firstSeenMs) {
    }

    /** One receiver's queue and its failure state. */
    static final class Lane {
        final String key;
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        int failures;
        long nextAttemptMs;
        String lastError = "";

        Lane(String key) {
            this.key = key;
        }
    }

    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Set<String> pendingIds = new HashSet<>();

    /** Adds a notification at the end of its lane; false when the same record is already waiting. */
    boolean add(String laneKey, Pending pending) {
        if (!pendingIds.add(RecordCoordinates.id(pending.record()))) {
            return false;
        }
        lanes.computeIfAbsent(laneKey, Lane::new).queue.add(pending);
        return true;
    }

    /** Removes the head of a lane (delivered, rejected or expired). */
    Pending poll(Lane lane) {
        Pending head = lane.queue.poll();
        if (head != null) {
            pendingIds.remove(RecordCoordinates.id(head.record()));
        }
        if (lane.queue.isEmpty() && lane.failures == 0) {
            // A failing lane emptied by expiry stays until its backoff ends (see due), so the next
            // notification for a dead receiver does not jump the queue as if the receiver were healthy.
            lanes.remove(lane.key);
        }
        return head;
    }

    int size() {
        return pendingIds.size();
    }

    /** Lanes whose head may be attempted now: healthy lanes first, so a failing receiver never goes first. */
    List<Lane> due(long nowMs) {
        List<Lane> healthy = new ArrayList<>();
        List<Lane> failing = new ArrayList<>();
        for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
            Lane lane = it.next();
            if (lane.failures == 0) {
                healthy.add(lane);
            } else if (lane.nextAttemptMs <= nowMs) {
                if (lane.queue.isEmpty()) {
                    it.remove();
                } else {
                    failing.add(lane);
                }
            }
        }
        failing.sort(Comparator.comparingLong(l -> l.nextAttemptMs)); // the longest-waiting first: no lane is starved
        healthy.addAll(failing);
        return healthy;
    }

    /** Per partition, the offset of the oldest waiting notification: commits must not pass it. */
    Map<TopicPartition, Long> oldestPendingOffsets() {
        Map<TopicPartition, Long> oldest = new HashMap<>();
        for (Lane lane : lanes.values()) {
            for (Pending pending : lane.queue) {
                SinkRecord record = pending.record();
                oldest.merge(new TopicPartition(record.topic(), record.kafkaPartition()), record.kafkaOffset(),
                        Math::min);
            }
        }
        return oldest;
    }

    /** Forgets the notifications of revoked partitions: their new owner resumes from the committed offset. */
    void removePartitions(Collection<TopicPartition> partitions) {
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        for (Iterator<Lane> lanesIt = lanes.values().iterator(); lanesIt.hasNext(); ) {
            Lane lane = lanesIt.next();
            lane.queue.removeIf(pending -> {
                SinkRecord record = pending.record();
                boolean gone = revoked.contains(new TopicPartition(record.topic(), record.kafkaPartition()));
                if (gone) {
                    pendingIds.remove(RecordCoordinates.id(record));
                }
                return gone;
            });
            if (lane.queue.isEmpty()) {
                lanesIt.remove();
            }
        }
    }

    /** Receivers with waiting notifications, for error messages: key, count, last error. */
    String describeFailing(int max) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (Lane lane : lanes.values()) {
            if (lane.failures > 0 && shown++ < max) {
                out.append(out.length() == 0 ? "" : "; ").append("receiver '").append(lane.key).append("': ")
                        .append(lane.queue.size()).append(" waiting, last error: ").append(lane.lastError);
            }
        }
        return out.toString();
    }

    void clear() {
        lanes.clear();
        pendingIds.clear();
    }
}
