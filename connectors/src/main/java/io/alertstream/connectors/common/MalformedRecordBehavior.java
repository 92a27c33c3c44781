package io.alertstream.connectors.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What a sink does with a record the store (or the sink's own parsing) rejects as malformed, and the one
 * definition of the config key that chooses it ({@link #define}), shared by every sink.
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

    /** The key of the Redis, email and webhook sinks. */
    public static final String RECORDS_CONFIG = "behavior.on.malformed.records";
    /** The key of the Elasticsearch sink (the name Confluent's Elasticsearch connector uses). */
    public static final String DOCUMENTS_CONFIG = "behavior.on.malformed.documents";
    public static final String GROUP = "Errors";
    /** What every value does; follows the connector's own sentence on what a malformed record is. */
    private static final String VALUES_DOC = "'fail': hand it to Connect's error handling (the dead-letter topic "
            + "errors.deadletterqueue.topic.name; requires errors.tolerance=all, since otherwise one bad record would "
            + "stop the task, and the connector refuses such a config); 'warn': log and skip; 'ignore': skip.";

    /**
     * Adds {@code key} (default {@code fail}, one of {@link #configValues}) as the first key of the "Errors" group.
     *
     * @param whatIsMalformed the connector's sentence on which records are malformed, e.g. "What to do with a
     *                        record that is not a counter (...)."; the meaning of each value is appended
     */
    public static void define(ConfigDef def, String key, String whatIsMalformed) {
        ChoiceValidator choices = ChoiceValidator.of(configValues());
        def.define(key, ConfigDef.Type.STRING, FAIL.configValue(), choices, ConfigDef.Importance.MEDIUM,
                whatIsMalformed + " " + VALUES_DOC, GROUP, 1, ConfigDef.Width.SHORT,
                "Behavior on malformed " + key.substring(key.lastIndexOf('.') + 1), choices);
    }

    /** The behavior a config defined with {@link #define} chose. */
    public static MalformedRecordBehavior from(AbstractConfig config, String key) {
        return parse(config.getString(key));
    }

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
