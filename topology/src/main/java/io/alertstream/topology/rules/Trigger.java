package io.alertstream.topology.rules;

/**
 * One level's threshold. An alert reaches the level when the value is strictly {@code above}
 * (or {@code below}) the threshold; once at the level it stays there until a closed window is
 * beyond the clear threshold ({@code clear_below} / {@code clear_above}), which defaults to the
 * threshold itself (no hysteresis).
 */
public record Trigger(Level level, Direction direction, double threshold, double clear) {

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
