package io.alertstream.topology;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Bounds on what one input record may cost downstream ({@code alertstream.event.*},
 * {@code alertstream.dead-letter.*}, {@code alertstream.state.*}), parsed once. Each exists because a
 * value past it would make a record the broker refuses (above the producer's {@code max.request.size},
 * 1 MiB by default) or a state value that cannot be written to its changelog: inside a stream thread
 * that kills the thread, and the replacement thread reads the same input again.
 *
 * @param maxGroupValueBytes  largest group_by value (as its JSON text, in UTF-8 bytes); group values are
 *                            copied into alert keys, alert, counter, notification and digest records, so an
 *                            event with a larger one goes to the dead-letter topic for that rule
 *                            (reason {@code group-value-too-large}) and the other rules still see it
 * @param maxDeadLetterBytes  largest dead-letter record (key, value and headers); above it the original value
 *                            (then key, then the producer's own headers) is left out and a header says so,
 *                            while the source topic, partition and offset still point at the original
 * @param maxDistinctBytes    budget of the distinct_count value hashes (8 bytes each) one group keeps over its
 *                            open windows; each window keeps at most {@code budget / 8 / windows a group can
 *                            have open} distinct values, and values past that are not counted (metric
 *                            {@code distinct-values-dropped-total}, a warning at most every 10 s per rule)
 */
public record InputLimits(int maxGroupValueBytes, int maxDeadLetterBytes, long maxDistinctBytes) {
    public static final String MAX_GROUP_VALUE_BYTES = AlertTopologyConfig.PREFIX + "event.max.group.value.bytes";
    public static final String MAX_DEAD_LETTER_BYTES = AlertTopologyConfig.PREFIX + "dead-letter.max.bytes";
    public static final String MAX_DISTINCT_BYTES = AlertTopologyConfig.PREFIX + "state.max.distinct.bytes";

    public static final int MAX_GROUP_VALUE_BYTES_DEFAULT = 1024;
    /** 1 MiB (the producer's default max.request.size) less 64 KiB for batch and header overhead. */
    public static final int MAX_DEAD_LETTER_BYTES_DEFAULT = 1024 * 1024 - 64 * 1024;
    public static final long MAX_DISTINCT_BYTES_DEFAULT = 256 * 1024;

    public InputLimits {
        positive(MAX_GROUP_VALUE_BYTES, maxGroupValueBytes);
        positive(MAX_DEAD_LETTER_BYTES, maxDeadLetterBytes);
        positive(MAX_DISTINCT_BYTES, maxDistinctBytes);
    }

    public static InputLimits defaults() {
        return from(new Properties());
    }

    /** The keys, with type, default, validator and documentation (the README's table is generated from them). */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(MAX_GROUP_VALUE_BYTES, Type.INT, MAX_GROUP_VALUE_BYTES_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "A group_by value longer than this (as JSON, UTF-8) sends the event to the dead-letter topic for that rule "
                    + "(reason group-value-too-large): group values are copied into keys, alerts, counters and notifications.")
            .define(MAX_DEAD_LETTER_BYTES, Type.INT, MAX_DEAD_LETTER_BYTES_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Largest dead-letter record (key, value, headers); above it the producer headers, then value, then key are "
                    + "left out (header alertstream.dropped), so the producer never refuses one.")
            .define(MAX_DISTINCT_BYTES, Type.LONG, MAX_DISTINCT_BYTES_DEFAULT, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "distinct_count value hashes (8 bytes each) one group keeps over its open windows; values past the bound are "
                    + "not counted (distinct-values-dropped-total, a warning).");

    public static InputLimits from(Properties p) {
        Map<String, Object> v = CONFIG_DEF.parse(p);
        return new InputLimits((Integer) v.get(MAX_GROUP_VALUE_BYTES), (Integer) v.get(MAX_DEAD_LETTER_BYTES),
                (Long) v.get(MAX_DISTINCT_BYTES));
    }

    private static void positive(String key, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + v);
        }
    }
}
