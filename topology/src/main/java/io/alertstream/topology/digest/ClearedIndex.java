package io.alertstream.topology.digest;

import io.alertstream.topology.support.TimeOrderedIndex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which CLEARED alarms expire next, in ChangedAt order: a {@link TimeOrderedIndex} with keys
 * {@code epochSecond (8 bytes, big-endian, sign-flipped) | nanos (4) | UserID length (4) | UserID | AlarmID},
 * so a range scan up to the purge
 * horizon yields exactly the expired entries, oldest first, however many users the task holds. One
 * entry per alarm whose current status is CLEARED: added when an alarm becomes (or stays, newer)
 * CLEARED, removed when it changes, is evicted or is purged.
 */
final class ClearedIndex {
    /** ChangedAt to nanoseconds: epoch second (8 bytes, big-endian, sign-flipped), then nanos (4). */
    private static final TimeOrderedIndex.TimeCodec<Instant> CHANGED_AT = new TimeOrderedIndex.TimeCodec<>() {
        @Override
        public int width() {
            return 12;
        }

        @Override
        public void write(Instant time, ByteBuffer out) {
            out.putLong(time.getEpochSecond() ^ Long.MIN_VALUE).putInt(time.getNano());
        }

        @Override
        public Instant read(ByteBuffer in) {
            long seconds = in.getLong() ^ Long.MIN_VALUE;
            return Instant.ofEpochSecond(seconds, in.getInt());
        }
    };
    private final TimeOrderedIndex<Instant> index;

    /** An index entry whose ChangedAt is before the horizon. */
    record Expired(String userId, String alarmId, Bytes indexKey) {
    }

    ClearedIndex(KeyValueStore<Bytes, byte[]> store) {
        this.index = new TimeOrderedIndex<>(store, CHANGED_AT);
    }

    void add(ChangedAt clearedAt, String userId, String alarmId) {
        index.add(clearedAt.instant(), rest(userId, alarmId));
    }

    void remove(ChangedAt clearedAt, String userId, String alarmId) {
        index.remove(clearedAt.instant(), rest(userId, alarmId));
    }

    void remove(Expired expired) {
        index.remove(expired.indexKey());
    }

    /** Up to {@code limit} entries with ChangedAt strictly before {@code horizon}, oldest first. */
    List<Expired> expiredBefore(Instant horizon, int limit) {
        return index.before(horizon, limit, null).stream().map(e -> {
            byte[] rest = e.rest();
            int userLength = ByteBuffer.wrap(rest).getInt();
            String userId = new String(rest, 4, userLength, StandardCharsets.UTF_8);
            String alarmId = new String(rest, 4 + userLength, rest.length - 4 - userLength, StandardCharsets.UTF_8);
            return new Expired(userId, alarmId, e.key());
        }).toList();
    }

    private static byte[] rest(String userId, String alarmId) {
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        byte[] alarm = alarmId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + user.length + alarm.length).putInt(user.length).put(user).put(alarm).array();
    }
}
