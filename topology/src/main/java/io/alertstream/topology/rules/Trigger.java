package io.alertstream.topology.rules;

/**
 * One level's threshold. An alert reaches the level when the value is strictly {@code above}
 * (or {@code below}) the threshold; once at the level it stays there until a closed window is
 * beyond the clear threshold ({@code clear_below} / {@code clear_above}), which defaults to the
 * threshold itself (no hysteresis).
 *
 * <p>A threshold may instead come from an event field ({@code above: {field: threshold}}, see
 * {@link #thresholdField}): then {@code threshold} and {@code clear} are NaN here, and each window is
 * judged against the threshold its own events carry ({@link #at}); such a level has no hysteresis.
 *
 * @param thresholdField the event field the threshold is read from, or null for a fixed threshold
 */
public record Trigger(Level level, Direction direction, double threshold, double clear, String thresholdField) {

    /** A fixed threshold. */
    public Trigger(Level level, Direction direction, double threshold, double clear) {
        this(level, direction, threshold, clear, null);
    }

    /** A threshold read from the events of each window. */
    public static Trigger fromField(Level level, Direction direction, String field) {
        return new Trigger(level, direction, Double.NaN, Double.NaN, field);
    }

    public boolean fromField() {
        return thresholdField != null;
    }

    /**
     * This trigger as it applies to one window whose events carry {@code windowThreshold} (NaN: none of
     * them carries a number in the field): a fixed trigger is itself; a field trigger becomes a fixed one
     * at that value, or null when the window has no threshold (the level is then neither reached nor held).
     */
    public Trigger at(double windowThreshold) {
        if (!fromField()) {
            return this;
        }
        return Double.isNaN(windowThreshold) ? null : new Trigger(level, direction, windowThreshold, windowThreshold, null);
    }

    /** Whether a value reaches this level from below it. NaN (an empty window's avg, say) never does. */
    public boolean breachedBy(double value) {
        return direction == Direction.ABOVE ? value > threshold : value < threshold;
    }

    /** Whether an alert already at (or above) this level stays at it with this value. */
    public boolean heldBy(double value) {
        if (clear == threshold) {
            return breachedBy(value);
        }
        return direction == Direction.ABOVE ? value >= clear : value <= clear;
    }
}
