package io.alertstream.topology.evaluation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which windows close next, ordered by close time (window end plus grace): keys are
 * {@code closeTime (8 bytes, big-endian, sign-flipped) | windowStart (8) | alertKey (UTF-8)}, so a
 * range scan up to the watermark yields exactly the windows due, oldest first, however many keys
 * exist. Costs one write when a window opens and one delete when it closes, not one per event.
 */
final class CloseIndex implements CloseSchedule {
    private static final byte[] EMPTY = new byte[0];
    private final KeyValueStore<Bytes, byte[]> store;

    /** A window due to close. */
    record Due(long closeTime, long windowStart, String alertKey, Bytes indexKey) {
    }

    CloseIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    @Override
    public void add(long closeTime, long windowStart, String alertKey) {
        store.put(key(closeTime, windowStart, alertKey), EMPTY);
    }

    @Override
    public void remove(long closeTime, long windowStart, String alertKey) {
        store.delete(key(closeTime, windowStart, alertKey));
    }

    void remove(Due due) {
        store.delete(due.indexKey());
    }

    /** Up to {@code limit} windows with close time at or before {@code watermark}, oldest first. */
    List<Due> dueUpTo(long watermark, int limit) {
        return dueUpTo(watermark, limit, null);
    }

    /** The same, after {@code after} (null: from the first): for callers that leave some entries in place. */
    List<Due> dueUpTo(long watermark, int limit, Due after) {
        List<Due> due = new ArrayList<>();
        Bytes from = after == null
                ? Bytes.wrap(ByteBuffer.allocate(8).putLong(Long.MIN_VALUE ^ Long.MIN_VALUE).array())
                // The smallest key greater than after's: the same bytes and a zero byte.
                : Bytes.wrap(Arrays.copyOf(after.indexKey().get(), after.indexKey().get().length + 1));
        // Every key is longer than 8 bytes, so the bare prefix of (watermark + 1) sorts after all keys due.
        Bytes to = Bytes.wrap(ByteBuffer.allocate(8).putLong((watermark + 1) ^ Long.MIN_VALUE).array());
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, to)) {
            while (it.hasNext() && due.size() < limit) {
                Bytes k = it.next().key;
                ByteBuffer b = ByteBuffer.wrap(k.get());
                long closeTime = b.getLong() ^ Long.MIN_VALUE;
                if (closeTime > watermark) {
                    break;
                }
                long start = b.getLong();
                String alertKey = new String(k.get(), 16, k.get().length - 16, StandardCharsets.UTF_8);
                due.add(new Due(closeTime, start, alertKey, k));
            }
        }
        return due;
    }

    private static Bytes key(long closeTime, long windowStart, String alertKey) {
        byte[] ak = alertKey.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(16 + ak.length).putLong(closeTime ^ Long.MIN_VALUE).putLong(windowStart).put(ak).array());
    }
}
