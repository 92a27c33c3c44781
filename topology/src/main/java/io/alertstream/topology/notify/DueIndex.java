package io.alertstream.topology.notify;

import io.alertstream.topology.support.TimeOrderedIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which notification groups (or alert lifecycles) are due, in wall-clock order: a {@link TimeOrderedIndex} with
 * keys {@code due time (8 bytes, big-endian; times are never negative) | id (UTF-8)}, so a range scan from the start
 * to now finds exactly the entries to flush, without scanning every group.
 */
final class DueIndex {
    private final TimeOrderedIndex<Long> index;

    DueIndex(KeyValueStore<Bytes, byte[]> store) {
        this.index = new TimeOrderedIndex<>(store, TimeOrderedIndex.NON_NEGATIVE_MILLIS);
    }

    record Due(long at, String groupId) {
    }

    void add(long at, String groupId) {
        index.add(at, groupId.getBytes(StandardCharsets.UTF_8));
    }

    void remove(long at, String groupId) {
        index.remove(at, groupId.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Takes the entries due at or before {@code now} out of the index, earliest first, {@code batch} at a time, and hands
     * each to {@code onDue} (id, due time), until none is left or {@code max} were taken: the rest waits for the next
     * run, so one punctuation stays short. {@code onDue} may add entries (a reschedule); one due by {@code now} is taken
     * in a later batch of the same run.
     */
    void drain(long now, int batch, int max, BiConsumer<String, Long> onDue) {
        int taken = 0;
        List<Due> due;
        do {
            due = dueBy(now, batch);
            for (Due d : due) {
                remove(d.at(), d.groupId());
                onDue.accept(d.groupId(), d.at());
            }
            taken += due.size();
        } while (!due.isEmpty() && taken < max);
    }

    /** Up to {@code limit} entries due at or before {@code now}, earliest first. */
    List<Due> dueBy(long now, int limit) {
        return index.before(now + 1, limit, null).stream()
                .map(e -> new Due(e.time(), new String(e.rest(), StandardCharsets.UTF_8))).toList();
    }
}
