package io.alertstream.topology.notify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which notification groups are due, in wall-clock order: keys are (due time big-endian, group id), so a
 * range scan from the start to now finds exactly the groups to flush, without scanning every group.
 */
final class DueIndex {
    private static final byte[] NOTHING = new byte[0];
    private final KeyValueStore<Bytes, byte[]> store;

    DueIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    record Due(long at, String groupId) {
    }

    void add(long at, String groupId) {
        store.put(key(at, groupId), NOTHING);
    }

    void remove(long at, String groupId) {
        store.delete(key(at, groupId));
    }

    /** Up to {@code limit} entries due at or before {@code now}, earliest first. */
    List<Due> dueBy(long now, int limit) {
        List<Due> out = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(0, ""), key(now + 1, ""))) {
            while (it.hasNext() && out.size() < limit) {
                ByteBuffer b = ByteBuffer.wrap(it.next().key.get());
                long at = b.getLong();
                byte[] id = new byte[b.remaining()];
                b.get(id);
                out.add(new Due(at, new String(id, StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    private static Bytes key(long at, String groupId) {
        byte[] id = groupId.getBytes(StandardCharsets.UTF_8);
        // Times are non-negative, so big-endian bytes sort as the numbers do.
        return Bytes.wrap(ByteBuffer.allocate(8 + id.length).putLong(Math.max(0, at)).put(id).array());
    }
}
