package io.alertstream.topology.rules;

import java.time.Duration;

/**
 * Event-time windows aligned to the epoch: a window starts at every multiple of {@code advance}
 * and lasts {@code size}; tumbling when advance equals size. Events up to {@code grace} late
 * (behind the watermark) still count.
 */
public record WindowSpec(Duration size, Duration advance, Duration grace) {

    public boolean hopping() {
        return !advance.equals(size);
    }

    public long sizeMs() {
        return size.toMillis();
    }

    public long advanceMs() {
        return advance.toMillis();
    }

    public long graceMs() {
        return grace.toMillis();
    }

    /** Start of the latest window containing {@code t}. */
    public long lastStartFor(long t) {
        return Math.floorDiv(t, advanceMs()) * advanceMs();
    }

    /**
     * The span of event time whose events all belong to the same windows: the greatest common divisor
     * of size and advance (the size itself for tumbling windows). Pre-aggregation gathers events per slot.
     */
    public long slotMs() {
        long a = sizeMs();
        long b = advanceMs();
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    /** Start of the slot containing {@code t}. */
    public long slotFor(long t) {
        return Math.floorDiv(t, slotMs()) * slotMs();
    }

    /** How many windows contain one event. */
    public int windowsPerEvent() {
        return (int) ((sizeMs() + advanceMs() - 1) / advanceMs());
    }
}
