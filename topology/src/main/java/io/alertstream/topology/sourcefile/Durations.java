package io.alertstream.topology.sourcefile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and prints the compact durations rule files use: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 1d}, and {@code 0}. Parsing never throws: a number too long for a {@code long}, or a sum that would
 * overflow, is "not a duration" (null), so a hostile rule file or topic record is a problem, not a crash.
 */
public final class Durations {
    /**
     * The longest duration a rule or routing file may give (window size, advance, grace, group_wait,
     * group_interval, repeat_interval, digest_interval...): a year. Longer values are almost certainly typos,
     * and keeping every duration this small keeps every sum and product of them far from overflow.
     */
    public static final Duration MAX = Duration.ofDays(365);
    private static final Pattern SHAPE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Returns the duration, or null when the text is not a duration. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.equals("0")) {
            return Duration.ZERO; // no unit needed for nothing
        }
        Matcher m = PART.matcher(text);
        int pos = 0;
        long millis = 0;
        while (pos < text.length()) {
            if (!m.find(pos) || m.start() != pos) {
                return null;
            }
            // At most 18 digits, so parseLong cannot fail; the unit product and the sum are checked.
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                default -> 86_400_000L;
            };
            try {
                millis = Math.addExact(millis, Math.multiplyExact(n, unit));
            } catch (ArithmeticException overflow) {
                return null;
            }
            pos = m.end();
        }
        return Duration.ofMillis(millis);
    }

    /** Whether the text has a duration's shape ({@code 12h30m}) even if its value overflows; for messages. */
    public static boolean hasDurationShape(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** Whether {@code d} is at most {@link #MAX}. */
    public static boolean withinMax(Duration d) {
        return d.compareTo(MAX) <= 0;
    }

    /** A {@code ConfigDef} validator for settings in this syntax that must be more than zero. */
    public static org.apache.kafka.common.config.ConfigDef.Validator positiveValidator() {
        return org.apache.kafka.common.config.ConfigDef.LambdaValidator.with((name, value) -> {
            Duration d = value == null ? null : parse(value.toString());
            if (d == null || d.isZero()) {
                throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "expected a positive duration such as 500ms, 30s, 5m, 12h or 7d");
            }
        }, () -> "a positive duration: 500ms, 30s, 5m, 12h, 7d");
    }

    /** A {@code ConfigDef} validator for settings in this syntax where zero means "off". */
    public static org.apache.kafka.common.config.ConfigDef.Validator nonNegativeValidator() {
        return org.apache.kafka.common.config.ConfigDef.LambdaValidator.with((name, value) -> {
            if (value == null || parse(value.toString()) == null) {
                throw new org.apache.kafka.common.config.ConfigException(name, value,
                        "expected a duration such as 0, 500ms, 30s, 5m, 12h or 7d");
            }
        }, () -> "a duration: 0, 500ms, 30s, 5m, 12h, 7d");
    }

    /** Prints a duration in the largest unit that divides it exactly. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1_000L == 0) {
            return ms / 1_000L + "s";
        }
        return ms + "ms";
    }
}
