package io.alertstream.topology.rules;

import java.util.Locale;

/**
 * The aggregate a rule computes per window. {@link #quantile()} is set for percentiles, which come
 * from a mergeable DDSketch rather than from stored values.
 */
public enum Aggregation {
    COUNT(false, Double.NaN), SUM(true, Double.NaN), AVG(true, Double.NaN), MIN(true, Double.NaN),
    MAX(true, Double.NaN), DISTINCT_COUNT(true, Double.NaN),
    P50(true, 0.50), P90(true, 0.90), P95(true, 0.95), P99(true, 0.99);

    private final boolean needsField;
    private final double quantile;

    Aggregation(boolean needsField, double quantile) {
        this.needsField = needsField;
        this.quantile = quantile;
    }

    public boolean needsField() {
        return needsField;
    }

    public boolean isPercentile() {
        return !Double.isNaN(quantile);
    }

    public double quantile() {
        return quantile;
    }

    /** Whether the aggregate reads the field as a number (all but count and distinct_count). */
    public boolean numeric() {
        return needsField && this != DISTINCT_COUNT;
    }

    /**
     * Whether a crossing in {@code direction} may be judged on a window's running value, before the
     * window closes. Only where later events can never undo the crossing: a count, a distinct count and
     * a max only grow ("above"), a min only falls ("below"). Everything else (a sum that negative values
     * can lower, an avg, a percentile, "below" on a growing aggregate) is judged when the window closes:
     * an early decision there would depend on the order in which the window's events arrived.
     */
    public boolean judgedOnlyAtClose(Direction direction) {
        if (direction == Direction.ABOVE) {
            return !(this == COUNT || this == DISTINCT_COUNT || this == MAX);
        }
        return this != MIN;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Aggregation fromLabel(String label) {
        for (Aggregation a : values()) {
            if (a.label().equals(label)) {
                return a;
            }
        }
        return null;
    }
}
