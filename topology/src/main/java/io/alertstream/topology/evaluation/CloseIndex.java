package io.alertstream.topology.evaluation;

import io.alertstream.topology.support.TimeOrderedIndex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which windows close next, ordered by close time (window end plus grace): a {@link TimeOrderedIndex} with keys
 * {@code closeTime (8 bytes, big-endian, sign-flipped) | windowStart (8) | alertKey (UTF-8)}, so a range scan up
 * to the watermark yields exactly the windows due, oldest first, however many keys exist. Costs one write when
 * a window opens and one delete when it closes, not one per event. Absence rules use one too (due watermark,
 * no window start).
 */
final class CloseIndex implements CloseSchedule {
    private final TimeOrderedIndex<Long> index;

    /** A window due to close. */
    record Due(long closeTime, long windowStart, String alertKey, Bytes indexKey) {
    }

    CloseIndex(KeyValueStore<Bytes, byte[]> store) {
        this.index = new TimeOrderedIndex<>(store, TimeOrderedIndex.SIGNED_MILLIS);
    }

    @Override
    public void add(long closeTime, long windowStart, String alertKey) {
        index.add(closeTime, rest(windowStart, alertKey));
    }

    @Override
    public void remove(long closeTime, long windowStart, String alertKey) {
        index.remove(closeTime, rest(windowStart, alertKey));
    }

    void remove(Due due) {
        index.remove(due.indexKey());
    }

    /** Up to {@code limit} windows with close time at or before {@code watermark}, oldest first. */
    List<Due> dueUpTo(long watermark, int limit) {
        return dueUpTo(watermark, limit, null);
    }

    /** The same, after {@code after} (null: from the first): for callers that leave some entries in place. */
    List<Due> dueUpTo(long watermark, int limit, Due after) {
        return index.before(watermark + 1, limit, after == null ? null : after.indexKey()).stream().map(e -> {
            ByteBuffer rest = ByteBuffer.wrap(e.rest());
            long windowStart = rest.getLong();
            return new Due(e.time(), windowStart, new String(e.rest(), 8, e.rest().length - 8, StandardCharsets.UTF_8), e.key());
        }).toList();
    }

    private static byte[] rest(long windowStart, String alertKey) {
        byte[] ak = alertKey.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + ak.length).putLong(windowStart).put(ak).array();
    }
}
