package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.watermark.WatermarkTracker;
import java.nio.ByteBuffer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * This evaluating task's watermark: the {@link WatermarkTracker} over every upstream task's readings,
 * kept in a logged store (key = upstream task, -1 = the watermark itself) so a restarted or moved task
 * resumes where it was and never moves back.
 */
final class WatermarkKeeper {
    private static final int CURRENT = -1;
    private final KeyValueStore<Integer, byte[]> store;
    private final WatermarkTracker tracker;

    WatermarkKeeper(KeyValueStore<Integer, byte[]> store, int sourcePartitions) {
        this.store = store;
        this.tracker = new WatermarkTracker(sourcePartitions);
        try (KeyValueIterator<Integer, byte[]> all = store.all()) {
            while (all.hasNext()) {
                var e = all.next();
                ByteBuffer b = ByteBuffer.wrap(e.value);
                if (e.key == CURRENT) {
                    tracker.restoreCurrent(b.getLong());
                } else {
                    tracker.restore(e.key, b.getLong(), b.get() == 1);
                }
            }
        }
    }

    String describe() {
        return tracker.describe();
    }

    long current() {
        return tracker.current();
    }

    /** Takes one upstream reading; returns whether the watermark moved. */
    boolean update(FanOut.Watermark w) {
        long sourceTime = Math.max(tracker.sourceTime(w.source()), w.time());
        store.put(w.source(), ByteBuffer.allocate(9).putLong(sourceTime).put((byte) (w.idle() ? 1 : 0)).array());
        if (!tracker.update(w.source(), w.sources(), w.time(), w.idle())) {
            return false;
        }
        store.put(CURRENT, ByteBuffer.allocate(8).putLong(tracker.current()).array());
        return true;
    }
}
