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

    /** How many windows contain one event. */
    public int windowsPerEvent() {
        return (int) ((sizeMs() + advanceMs() - 1) / advanceMs());
    }
}
