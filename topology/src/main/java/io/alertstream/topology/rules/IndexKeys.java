package io.alertstream.topology.rules;

import java.util.Map;

/**
 * The key under which the rule index files a value, so that two values CEL's {@code ==} holds equal
 * always get the same key. Input: a filter literal or an event field value. Output: the key, or
 * {@code null} for a value the index does not file (null, a map, a list, bytes...), which then
 * yields no candidates.
 *
 * <p>Numbers: every int, uint and double is keyed by its {@code double} value, because the rules
 * are compiled with heterogeneous equality ({@code 500 == 500.0 == 500u}). Converting to double can
 * merge distinct large integers into one key; that only adds candidates (the filter still decides),
 * never drops one. {@code -0.0} is keyed as {@code 0.0} because CEL holds them equal while
 * {@link Double#equals} does not. NaN gets a key of its own; CEL never finds it equal to anything,
 * so it only adds candidates. Strings and booleans are keyed by themselves (exact equality).
 */
final class IndexKeys {
    private static final Double ZERO = 0.0;

    private IndexKeys() {
    }

    /** The key of a value, or null when the value is not indexable. */
    static Object of(Object value) {
        if (value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Number n) { // Long, Double, and a uint literal's UnsignedLong
            return number(n.doubleValue());
        }
        return null;
    }

    private static Double number(double d) {
        return d == 0.0 ? ZERO : Double.valueOf(d); // -0.0 == 0.0 in CEL
    }

    /**
     * Reads a path from an event's fields without allocating. Returns null when a segment is
     * missing or a parent is not a JSON object (the filter cannot hold a literal there).
     */
    static Object read(Map<String, Object> fields, String[] path) {
        Object current = fields;
        for (String segment : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(segment);
        }
        return current;
    }
}
