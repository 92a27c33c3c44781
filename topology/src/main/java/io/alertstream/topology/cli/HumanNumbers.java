package io.alertstream.topology.cli;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as people read them: {@code 384.07783370439637} → {@code 384.1}, {@code 51.0} → {@code 51}. */
public final class HumanNumbers {
    private static final MathContext FOUR_DIGITS = new MathContext(4);

    private HumanNumbers() {
    }

    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(FOUR_DIGITS).stripTrailingZeros();
        double abs = Math.abs(v);
        return abs >= 1e-4 && abs < 1e15 ? rounded.toPlainString() : rounded.toString();
    }
}
