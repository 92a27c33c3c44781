package io.alertstream.topology.rules;

import java.math.BigDecimal;

/**
 * Number formatting for people, everywhere alertstream prints a value (summaries, {@code tail}, the dev
 * console): whole numbers without a fraction, others with four significant digits
 * ({@code 384.07783370439637} → {@code 384.1}, {@code 0.012345} → {@code 0.01235}).
 */
public final class Numbers {
    private static final java.math.MathContext FOUR_DIGITS = new java.math.MathContext(4, java.math.RoundingMode.HALF_EVEN);

    private Numbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(FOUR_DIGITS).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e15 ? rounded.toPlainString() : rounded.toString();
    }

    /** Reads a JSON number (or a numeric value of any boxed type) as a double; NaN when it is not a number. */
    public static double toDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
