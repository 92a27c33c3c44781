package io.alertstream.topology.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Entries in time order in a byte-keyed store: each key is a time, in a fixed-width encoding that sorts as the
 * times do, followed by the caller's bytes (what is due). A range scan up to a time then yields exactly the
 * entries due, earliest first, however many the store holds: one write per add, one delete per remove, nothing
 * per event. The window close index, the notification due index and the CLEARED alarms index are this, each
 * with its own time encoding, which is part of its store's (changelogged) format and so never changes.
 *
 * @param <T> the time type ({@code Long} milliseconds, or an {@code Instant} with nanoseconds)
 */
public final class TimeOrderedIndex<T> {
    private static final byte[] NOTHING = new byte[0];
    private final KeyValueStore<Bytes, byte[]> store;
    private final TimeCodec<T> codec;

    /** How a time is written as the key's prefix: {@code width} bytes that sort (unsigned, byte by byte) as the times. */
    public interface TimeCodec<T> {
        int width();

        void write(T time, ByteBuffer out);

        T read(ByteBuffer in);
    }

    /** Any long, big-endian with the sign bit flipped, so negative times sort before positive ones. */
    public static final TimeCodec<Long> SIGNED_MILLIS = new TimeCodec<>() {
        @Override
        public int width() {
            return 8;
        }

        @Override
        public void write(Long time, ByteBuffer out) {
            out.putLong(time ^ Long.MIN_VALUE);
        }

        @Override
        public Long read(ByteBuffer in) {
            return in.getLong() ^ Long.MIN_VALUE;
        }
    };

    /** Times of zero or more, plain big-endian (a negative time is kept as 0). */
    public static final TimeCodec<Long> NON_NEGATIVE_MILLIS = new TimeCodec<>() {
        @Override
        public int width() {
            return 8;
        }

        @Override
        public void write(Long time, ByteBuffer out) {
            out.putLong(Math.max(0, time));
        }

        @Override
        public Long read(ByteBuffer in) {
            return in.getLong();
        }
    };

    /** One entry: its time, the caller's bytes after the time, and the whole key (to remove it or scan past it). */
    public record Entry<T>(T time, byte[] rest, Bytes key) {
    }

    public TimeOrderedIndex(KeyValueStore<Bytes, byte[]> store, TimeCodec<T> codec) {
        this.store = store;
        this.codec = codec;
    }

    public void add(T time, byte[] rest) {
        store.put(key(time, rest), NOTHING);
    }

    public void remove(T time, byte[] rest) {
        store.delete(key(time, rest));
    }

    public void remove(Bytes key) {
        store.delete(key);
    }

    /**
     * Up to {@code limit} entries whose time is before {@code before}, earliest first.
     *
     * @param after the key of an entry to start after (null: from the first), for callers that leave some in place
     */
    public List<Entry<T>> before(T before, int limit, Bytes after) {
        byte[] end = prefix(before);
        Bytes from = after == null ? Bytes.wrap(new byte[codec.width()])
                // The smallest key greater than after's: the same bytes and a zero byte.
                : Bytes.wrap(Arrays.copyOf(after.get(), after.get().length + 1));
        List<Entry<T>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(from, Bytes.wrap(end))) {
            while (it.hasNext() && due.size() < limit) {
                byte[] key = it.next().key.get();
                if (Arrays.compareUnsigned(key, 0, end.length, end, 0, end.length) >= 0) {
                    break; // at the end time itself: not before it
                }
                ByteBuffer b = ByteBuffer.wrap(key);
                T time = codec.read(b);
                due.add(new Entry<>(time, Arrays.copyOfRange(key, codec.width(), key.length), Bytes.wrap(key)));
            }
        }
        return due;
    }

    private byte[] prefix(T time) {
        ByteBuffer b = ByteBuffer.allocate(codec.width());
        codec.write(time, b);
        return b.array();
    }

    private Bytes key(T time, byte[] rest) {
        ByteBuffer b = ByteBuffer.allocate(codec.width() + rest.length);
        codec.write(time, b);
        return Bytes.wrap(b.put(rest).array());
    }
}
