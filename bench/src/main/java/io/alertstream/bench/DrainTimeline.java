package io.alertstream.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * How a sink connector's consumer group worked through a pre-loaded topic: the records committed at
 * each poll, from the moment the connector was registered until everything was committed.
 *
 * <p>Input: {@link #observe} with a monotonic time (ns) and the group's committed total. Output two rates:
 * <ul>
 *   <li>{@link #endToEndPerSec}: all records over the whole time, so it includes what a fresh connector
 *       costs before its first write (task start, index template, consumer group join);</li>
 *   <li>{@link #steadyPerSec}: the records committed after the first commit, over the time from that
 *       commit to the last one. The first commit is where the sink is known to be writing; what came before
 *       it is start-up. Both ends are commits, so the offset commit interval bounds the error at each end.</li>
 * </ul>
 */
final class DrainTimeline {
    private record Point(long nanos, long committed) {
    }

    private final long startNanos;
    private final long total;
    private final List<Point> points = new ArrayList<>();

    /** @param total the records to drain; {@code startNanos} when the connector was registered */
    DrainTimeline(long startNanos, long total) {
        this.startNanos = startNanos;
        this.total = total;
    }

    /** Records one poll; returns true once everything is committed. */
    boolean observe(long nanos, long committed) {
        if (points.isEmpty() || points.get(points.size() - 1).committed() != committed) {
            points.add(new Point(nanos, committed)); // only changes matter: a commit shows up at its first poll
        }
        return committed >= total;
    }

    boolean done() {
        return !points.isEmpty() && last().committed() >= total;
    }

    double endToEndPerSec() {
        if (!done()) {
            return Double.NaN;
        }
        return total / seconds(startNanos, last().nanos());
    }

    /** NaN when there is no interval between a first and a last commit (all committed at once). */
    double steadyPerSec() {
        if (!done()) {
            return Double.NaN;
        }
        Point first = points.stream().filter(p -> p.committed() > 0).findFirst().orElseThrow();
        if (first == last()) {
            return Double.NaN;
        }
        return (last().committed() - first.committed()) / seconds(first.nanos(), last().nanos());
    }

    /** Seconds from registration to the first commit: what start-up cost this time. */
    double startSeconds() {
        return points.stream().filter(p -> p.committed() > 0).findFirst().map(p -> seconds(startNanos, p.nanos()))
                .orElse(Double.NaN);
    }

    private Point last() {
        return points.get(points.size() - 1);
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
