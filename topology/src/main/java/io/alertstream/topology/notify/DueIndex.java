package io.alertstream.topology.notify;

import io.alertstream.topology.support.TimeOrderedIndex;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

    /** Up to {@code limit} entries due at or before {@code now}, earliest first. */
    List<Due> dueBy(long now, int limit) {
        return index.before(now + 1, limit, null).stream()
                .map(e -> new Due(e.time(), new String(e.rest(), StandardCharsets.UTF_8))).toList();
    }
}
