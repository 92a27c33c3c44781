package io.alertstream.topology.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which CLEARED alarms expire next, in ChangedAt order: keys are {@code epochSecond (8 bytes, big-endian,
 * sign-flipped) | nanos (4) | UserID length (4) | UserID | AlarmID}, so a range scan up to the purge
 * horizon yields exactly the expired entries, oldest first, however many users the task holds. One
 * entry per alarm whose current status is CLEARED: added when an alarm becomes (or stays, newer)
 * CLEARED, removed when it changes, is evicted or is purged.
 */
final class ClearedIndex {
    private static final byte[] EMPTY = new byte[0];
    private static final int TIME_BYTES = 12;
    private final KeyValueStore<Bytes, byte[]> store;

    /** An index entry whose ChangedAt is before the horizon. */
    record Expired(String userId, String alarmId, Bytes indexKey) {
    }

    ClearedIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void add(ChangedAt clearedAt, String userId, String alarmId) {
        store.put(key(clearedAt.instant(), userId, alarmId), EMPTY);
    }

    void remove(ChangedAt clearedAt, String userId, String alarmId) {
        store.delete(key(clearedAt.instant(), userId, alarmId));
    }

    void remove(Expired expired) {
        store.delete(expired.indexKey());
    }

    /** Up to {@code limit} entries with ChangedAt strictly before {@code horizon}, oldest first. */
    List<Expired> expiredBefore(Instant horizon, int limit) {
        List<Expired> expired = new ArrayList<>();
        Bytes from = Bytes.wrap(new byte[TIME_BYTES]);
        // Every key is longer than the time prefix, so keys at exactly the horizon sort after `to`.
        Bytes to = Bytes.wrap(time(horizon).array());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext() && expired.size() < limit) {
                Bytes k = it.next().key;
                ByteBuffer b = ByteBuffer.wrap(k.get());
                b.position(TIME_BYTES);
                int userLength = b.getInt();
                String userId = new String(k.get(), TIME_BYTES + 4, userLength, StandardCharsets.UTF_8);
                int alarmStart = TIME_BYTES + 4 + userLength;
                String alarmId = new String(k.get(), alarmStart, k.get().length - alarmStart, StandardCharsets.UTF_8);
                expired.add(new Expired(userId, alarmId, k));
            }
        }
        return expired;
    }

    private static ByteBuffer time(Instant t) {
        return ByteBuffer.allocate(TIME_BYTES).putLong(t.getEpochSecond() ^ Long.MIN_VALUE).putInt(t.getNano());
    }

    private static Bytes key(Instant clearedAt, String userId, String alarmId) {
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        byte[] alarm = alarmId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(TIME_BYTES + 4 + user.length + alarm.length)
                .put(time(clearedAt).array()).putInt(user.length).put(user).put(alarm).array());
    }
}
