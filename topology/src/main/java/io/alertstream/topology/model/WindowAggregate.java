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
    }

    public static WindowAggregate read(DataInputStream in) throws IOException {
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
