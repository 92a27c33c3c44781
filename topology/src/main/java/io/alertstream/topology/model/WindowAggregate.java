package io.alertstream.topology.model;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import io.alertstream.topology.rules.Aggregation;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * The running aggregate of one window of one group. Holds only what its aggregation needs: counters
 * for count/sum/avg/min/max, a set of value hashes for distinct_count, and a DDSketch (1% relative
 * accuracy, at most 2048 bins) for percentiles, so state per window is bounded (the distinct set by the
 * limit its callers pass, see DistinctLimit).
 *
 * <p>For a rule whose threshold comes from an event field it also holds the window's threshold: the
 * field's value in the event with the greatest event time among the window's events that carry a number
 * there (ties: the greatest value). That choice is a function of the window's events and their
 * timestamps alone, and it merges (keep the greater of two (time, value) pairs), so partial aggregates and
 * any arrival order give the same threshold.
 */
public final class WindowAggregate {
    static final double SKETCH_ACCURACY = 0.01;
    static final int SKETCH_MAX_BINS = 2048;

    private final long start;
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private Set<Long> distinct;
    private DDSketch sketch;
    /** Event time of the threshold sample; Long.MIN_VALUE while the window has none. */
    private long thresholdAt = Long.MIN_VALUE;
    private double threshold = Double.NaN;

    public WindowAggregate(long start) {
        this.start = start;
    }

    public long start() {
        return start;
    }

    public long count() {
        return count;
    }

    public void add(Aggregation aggregation, FanOut.Match match) {
        add(aggregation, match, Integer.MAX_VALUE);
    }

    /**
     * Adds one match. For distinct_count, at most {@code maxDistinct} values are kept: a new value past
     * that is not counted (the event still is, in {@link #count()}).
     *
     * @return false when a distinct value was dropped for the limit
     */
    public boolean add(Aggregation aggregation, FanOut.Match match, int maxDistinct) {
        count++;
        offerThreshold(match.eventTime(), match.threshold());
        if (aggregation == Aggregation.DISTINCT_COUNT) {
            if (distinct == null) {
                distinct = new HashSet<>();
            }
            if (distinct.size() >= maxDistinct && !distinct.contains(match.hash())) {
                return false;
            }
            distinct.add(match.hash());
        } else if (aggregation.numeric()) {
            double v = match.number();
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (aggregation.isPercentile()) {
                if (sketch == null) {
                    sketch = newSketch();
                }
                sketch.accept(trackable(v));
            }
        }
        return true;
    }

    /**
     * Adds a partial aggregate of the same aggregation (events an upstream task gathered for one slot
     * of this window): every aggregate alertstream supports merges, so the result is the one the
     * events would have given one by one.
     */
    public void merge(Aggregation aggregation, WindowAggregate partial) {
        merge(aggregation, partial, Integer.MAX_VALUE);
    }

    /**
     * {@link #merge(Aggregation, WindowAggregate)}, keeping at most {@code maxDistinct} distinct values.
     *
     * @return how many of the partial's distinct values were dropped for the limit
     */
    public int merge(Aggregation aggregation, WindowAggregate partial, int maxDistinct) {
        count += partial.count;
        offerThreshold(partial.thresholdAt, partial.threshold);
        int dropped = 0;
        if (aggregation == Aggregation.DISTINCT_COUNT) {
            if (partial.distinct != null) {
                if (distinct == null) {
                    distinct = new HashSet<>();
                }
                for (long h : partial.distinct) {
                    if (distinct.size() < maxDistinct || distinct.contains(h)) {
                        distinct.add(h);
                    } else {
                        dropped++;
                    }
                }
            }
        } else if (aggregation.numeric()) {
            sum += partial.sum;
            min = Math.min(min, partial.min);
            max = Math.max(max, partial.max);
            if (partial.sketch != null) {
                if (sketch == null) {
                    sketch = newSketch();
                }
                sketch.mergeWith(partial.sketch);
            }
        }
        return dropped;
    }

    /** Keeps the sample with the greater event time, and on a tie the greater value: order does not matter. */
    private void offerThreshold(long at, double value) {
        if (Double.isNaN(value)) {
            return;
        }
        if (Double.isNaN(threshold) || at > thresholdAt || (at == thresholdAt && value > threshold)) {
            thresholdAt = at;
            threshold = value;
        }
    }

    /** The window's threshold read from its events (see the class comment); NaN when none carried one. */
    public double threshold() {
        return threshold;
    }

    /** The aggregate's value; NaN for an empty window of an aggregate that has no value then (avg, min, max, percentiles). */
    public double value(Aggregation aggregation) {
        return switch (aggregation) {
            case COUNT -> count;
            case SUM -> sum;
            case DISTINCT_COUNT -> distinct == null ? 0 : distinct.size();
            case AVG -> count == 0 ? Double.NaN : sum / count;
            case MIN -> count == 0 ? Double.NaN : min;
            case MAX -> count == 0 ? Double.NaN : max;
            default -> sketch == null || sketch.isEmpty() ? Double.NaN : sketch.getValueAtQuantile(aggregation.quantile());
        };
    }

    /** Writes the current format, with the threshold sample (read it with {@code read(in, true)}). */
    public void write(DataOutputStream out) throws IOException {
        out.writeLong(start);
        out.writeLong(count);
        out.writeDouble(sum);
        out.writeDouble(min);
        out.writeDouble(max);
        out.writeInt(distinct == null ? -1 : distinct.size());
        if (distinct != null) {
            for (long h : distinct) {
                out.writeLong(h);
            }
        }
        if (sketch == null) {
            out.writeInt(-1);
        } else {
            GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withDefaultInitialCapacity();
            sketch.encode(encoded, false);
            out.writeInt(encoded.numWrittenBytes());
            out.write(encoded.backingArray(), 0, encoded.numWrittenBytes());
        }
        out.writeLong(thresholdAt);
        out.writeDouble(threshold);
    }

    /**
     * Reads what {@link #write} wrote; {@code withThreshold} false reads the format from before thresholds
     * travelled in aggregates (group state version 2, partials of type 3), as a window without a threshold.
     */
    public static WindowAggregate read(DataInputStream in, boolean withThreshold) throws IOException {
        WindowAggregate w = new WindowAggregate(in.readLong());
        w.count = in.readLong();
        w.sum = in.readDouble();
        w.min = in.readDouble();
        w.max = in.readDouble();
        int distinctSize = in.readInt();
        if (distinctSize >= 0) {
            w.distinct = new HashSet<>(Math.max(16, distinctSize * 2));
            for (int i = 0; i < distinctSize; i++) {
                w.distinct.add(in.readLong());
            }
        }
        int sketchSize = in.readInt();
        if (sketchSize >= 0) {
            byte[] bytes = in.readNBytes(sketchSize);
            w.sketch = DDSketch.decode(ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(SKETCH_MAX_BINS));
        }
        if (withThreshold) {
            w.thresholdAt = in.readLong();
            w.threshold = in.readDouble();
        }
        return w;
    }

    /**
     * {@code v} within the range the sketch tracks (about ±1.7e308 at 1% accuracy; it throws beyond):
     * a finite value past it counts as the largest trackable one, within the sketch's accuracy of any
     * value that big. Infinite values never get here: the event parser refuses them.
     */
    static double trackable(double v) {
        double max = MAX_TRACKABLE;
        return v > max ? max : v < -max ? -max : v;
    }

    private static final double MAX_TRACKABLE = newSketch().getIndexMapping().maxIndexableValue();

    private static DDSketch newSketch() {
        return DDSketches.collapsingLowestDense(SKETCH_ACCURACY, SKETCH_MAX_BINS);
    }
}
