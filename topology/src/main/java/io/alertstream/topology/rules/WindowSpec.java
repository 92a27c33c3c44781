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

    /**
     * How many windows contain one event: ceil(size / advance). A long, computed without overflow, so a
     * rule such as {@code size: 4294967346ms, advance: 1ms} reads as 4294967346 windows (and is rejected)
     * instead of wrapping to a small int that passes validation.
     */
    public long windowsPerEvent() {
        return -Math.floorDiv(-sizeMs(), advanceMs()); // ceil; size and advance are positive and below a year
    }
}
