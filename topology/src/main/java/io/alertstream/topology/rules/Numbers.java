package io.alertstream.topology.rules;

import java.math.BigDecimal;

/** Number formatting for people: whole numbers without a fraction, others with at most three decimals. */
public final class Numbers {
    private Numbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** Reads a JSON number (or a numeric value of any boxed type) as a double; NaN when it is not a number. */
    public static double toDouble(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
