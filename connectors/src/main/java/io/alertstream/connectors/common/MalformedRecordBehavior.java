package io.alertstream.connectors.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a sink does with a record the store (or the sink's own parsing) rejects as malformed.
 *
 * <p>Input: the lower-case name from the connector config ({@code fail}, {@code warn}, {@code ignore}).
 * Semantics are applied by {@link MalformedRecordHandler}.
 */
public enum MalformedRecordBehavior {
    /** Hand the record to Connect's error handling (dead-letter queue, or task failure). */
    FAIL,
    /** Log a warning naming the record and drop it. */
    WARN,
    /** Drop it silently (debug log only). */
    IGNORE;

    public static MalformedRecordBehavior parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static List<String> configValues() {
        return Arrays.stream(values()).map(MalformedRecordBehavior::configValue).toList();
    }
}
