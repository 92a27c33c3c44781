package io.alertstream.connectors.elasticsearch;

import io.alertstream.connectors.common.ChoiceValidator;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.MalformedRecordBehavior;
import io.alertstream.connectors.common.Retrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * Configuration of the Elasticsearch sink: connection and security ({@link ElasticsearchConnectionConfig}),
 * index naming and document ids, index template, batching, retries and malformed-document handling.
 *
 * <p>Input: the connector's string properties. Output: typed accessors; {@link #crossFieldProblems()} lists
 * what {@code Connector.validate} reports against the keys involved.
 */
public final class ElasticsearchSinkConnectorConfig extends AbstractConfig {
    static final String INDEX_GROUP = "Index";
    static final String WRITE_GROUP = "Writes";

    public static final String INDEX_PATTERN_CONFIG = "index.pattern";
    private static final String INDEX_PATTERN_DOC = "Name of the index each record goes to. {topic} is the "
            + "record's topic; any other {...} is a java.time date format applied to the event time in UTC, "
            + "e.g. events-{yyyy.MM.dd} gives events-2026.11.21. Names are lower-cased.";
    public static final String INDEX_PATTERN_DEFAULT = "{topic}";

    public static final String EVENT_TIME_FIELD_CONFIG = "event.time.field";
    private static final String EVENT_TIME_FIELD_DOC = "Dotted path of the field holding the event time (ISO-8601 "
            + "with offset, or epoch milliseconds), e.g. 'timestamp' for events, 'at' for alerts. It picks the "
            + "date in index.pattern and is mapped as a date. Absent or unparseable: the Kafka record timestamp.";
    public static final String EVENT_TIME_FIELD_DEFAULT = "timestamp";

    public static final String INDEX_DATE_MAX_FUTURE_MS_CONFIG = "index.date.max.future.ms";
    private static final String INDEX_DATE_MAX_FUTURE_MS_DOC = "When index.pattern has a date: a record whose event "
            + "time is more than this ahead of the worker's clock is malformed (dead-letter queue, or "
            + "behavior.on.malformed.documents) instead of creating an index for that future date, so a bad clock "
            + "or a typo cannot create indices without bound. -1: no limit.";
    public static final long INDEX_DATE_MAX_FUTURE_MS_DEFAULT = Duration.ofDays(1).toMillis();
    public static final String INDEX_DATE_MAX_AGE_MS_CONFIG = "index.date.max.age.ms";
    private static final String INDEX_DATE_MAX_AGE_MS_DOC = "When index.pattern has a date: a record whose event "
            + "time is more than this behind the worker's clock is malformed instead of creating (or reopening) an "
            + "index for that old date; e.g. the index retention period. -1: no limit (replays of old data index "
            + "normally).";
    public static final long INDEX_DATE_MAX_AGE_MS_DEFAULT = -1;

    public static final String DOCUMENT_ID_FIELD_CONFIG = "document.id.field";
    private static final String DOCUMENT_ID_FIELD_DOC = "Dotted path of the field used as document id, e.g. 'id' "
            + "for alerts. Empty, or absent in a record: the id is topic+partition+offset. Either way a replay "
            + "overwrites the same documents instead of adding duplicates.";
    public static final String DOCUMENT_ID_FIELD_DEFAULT = "";

    public static final String TEMPLATE_PROFILE_CONFIG = "index.template.profile";
    private static final String TEMPLATE_PROFILE_DOC = "Composable index template created at start for the "
            + "indices of each topic: 'event' maps the event time as date and labels.*/group.* as keyword; "
            + "'alert' adds the alert fields (status, level, ruleId, alertKey, id as keyword; value, threshold "
            + "as double; window.start/end, startsAt, at as date; summary as text); 'counter' maps window "
            + "counters; 'none' creates no template.";
    public static final String TEMPLATE_PROFILE_DEFAULT = "event";

    public static final String BATCH_SIZE_CONFIG = "batch.size";
    private static final String BATCH_SIZE_DOC = "Documents per bulk request; also the buffer size that "
            + "triggers a write before linger.ms has passed.";
    public static final int BATCH_SIZE_DEFAULT = 1_000;

    public static final String LINGER_MS_CONFIG = "linger.ms";
    private static final String LINGER_MS_DOC = "How long documents may wait in the task for more to fill a "
            + "batch. 0 writes at the end of every put. Offsets are committed only after the buffer is written.";
    public static final long LINGER_MS_DEFAULT = 0;

    public static final String MAX_IN_FLIGHT_CONFIG = "max.in.flight.requests";
    private static final String MAX_IN_FLIGHT_DOC = "Bulk requests a task sends concurrently when its buffer holds "
            + "more than one batch. Connect commits offsets only after all of them are acknowledged.";
    public static final int MAX_IN_FLIGHT_DEFAULT = 2;

    public static final String BEHAVIOR_ON_MALFORMED_CONFIG = MalformedRecordBehavior.DOCUMENTS_CONFIG;
    private static final String BEHAVIOR_ON_MALFORMED_WHAT = "What to do with a record Elasticsearch rejects "
            + "(mapping conflict, HTTP 400 for the item) or that is not a JSON object.";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final IndexNamePattern indexPattern;

    public ElasticsearchSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.indexPattern = IndexNamePattern.parse(getString(INDEX_PATTERN_CONFIG));
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ElasticsearchConnectionConfig.define(def);
        int order = 0;
        def.define(INDEX_PATTERN_CONFIG, ConfigDef.Type.STRING, INDEX_PATTERN_DEFAULT, new IndexNamePattern.Validator(),
                        ConfigDef.Importance.HIGH, INDEX_PATTERN_DOC, INDEX_GROUP, ++order, ConfigDef.Width.MEDIUM,
                        "Index name pattern")
                .define(EVENT_TIME_FIELD_CONFIG, ConfigDef.Type.STRING, EVENT_TIME_FIELD_DEFAULT,
                        new ConfigDef.NonEmptyString(), ConfigDef.Importance.MEDIUM, EVENT_TIME_FIELD_DOC,
                        INDEX_GROUP, ++order, ConfigDef.Width.MEDIUM, "Event time field")
                .define(INDEX_DATE_MAX_FUTURE_MS_CONFIG, ConfigDef.Type.LONG, INDEX_DATE_MAX_FUTURE_MS_DEFAULT,
                        ConfigDef.Range.atLeast(-1), ConfigDef.Importance.LOW, INDEX_DATE_MAX_FUTURE_MS_DOC,
                        INDEX_GROUP, ++order, ConfigDef.Width.SHORT, "Max future index date (ms)")
                .define(INDEX_DATE_MAX_AGE_MS_CONFIG, ConfigDef.Type.LONG, INDEX_DATE_MAX_AGE_MS_DEFAULT,
                        ConfigDef.Range.atLeast(-1), ConfigDef.Importance.LOW, INDEX_DATE_MAX_AGE_MS_DOC,
                        INDEX_GROUP, ++order, ConfigDef.Width.SHORT, "Max index date age (ms)")
                .define(DOCUMENT_ID_FIELD_CONFIG, ConfigDef.Type.STRING, DOCUMENT_ID_FIELD_DEFAULT,
                        ConfigDef.Importance.MEDIUM, DOCUMENT_ID_FIELD_DOC, INDEX_GROUP, ++order,
                        ConfigDef.Width.MEDIUM, "Document id field")
                .define(TEMPLATE_PROFILE_CONFIG, ConfigDef.Type.STRING, TEMPLATE_PROFILE_DEFAULT,
                        ChoiceValidator.of(TemplateProfile.configValues()), ConfigDef.Importance.MEDIUM,
                        TEMPLATE_PROFILE_DOC, INDEX_GROUP, ++order, ConfigDef.Width.SHORT, "Index template profile",
                        ChoiceValidator.of(TemplateProfile.configValues()));
        order = 0;
        def.define(BATCH_SIZE_CONFIG, ConfigDef.Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.between(1, 100_000),
                        ConfigDef.Importance.MEDIUM, BATCH_SIZE_DOC, WRITE_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Batch size")
                .define(LINGER_MS_CONFIG, ConfigDef.Type.LONG, LINGER_MS_DEFAULT, ConfigDef.Range.between(0, 60_000),
                        ConfigDef.Importance.LOW, LINGER_MS_DOC, WRITE_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Linger (ms)")
                .define(MAX_IN_FLIGHT_CONFIG, ConfigDef.Type.INT, MAX_IN_FLIGHT_DEFAULT, ConfigDef.Range.between(1, 32),
                        ConfigDef.Importance.LOW, MAX_IN_FLIGHT_DOC, WRITE_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Max in-flight requests");
        Retrier.define(def, WRITE_GROUP, ++order);
        MalformedRecordBehavior.define(def, BEHAVIOR_ON_MALFORMED_CONFIG, BEHAVIOR_ON_MALFORMED_WHAT);
        return def;
    }

    /** Problems only visible across keys; empty when the config is usable. */
    public List<ConfigProblem> crossFieldProblems() {
        List<ConfigProblem> problems = new ArrayList<>(ElasticsearchConnectionConfig.crossFieldProblems(this));
        Retrier.crossFieldProblem(this).ifPresent(problems::add);
        return problems;
    }

    public List<String> connectionUrls() {
        return getList(ElasticsearchConnectionConfig.CONNECTION_URLS_CONFIG).stream().map(String::trim).toList();
    }

    public int connectionTimeoutMs() {
        return getInt(ElasticsearchConnectionConfig.CONNECTION_TIMEOUT_MS_CONFIG);
    }

    public int readTimeoutMs() {
        return getInt(ElasticsearchConnectionConfig.READ_TIMEOUT_MS_CONFIG);
    }

    public String username() {
        return getString(ElasticsearchConnectionConfig.USERNAME_CONFIG);
    }

    public Password password() {
        return getPassword(ElasticsearchConnectionConfig.PASSWORD_CONFIG);
    }

    public Password apiKey() {
        return getPassword(ElasticsearchConnectionConfig.API_KEY_CONFIG);
    }

    public IndexNamePattern indexPattern() {
        return indexPattern;
    }

    public String eventTimeField() {
        return getString(EVENT_TIME_FIELD_CONFIG).trim();
    }

    /** Bounds of the event time used in index names, -1 for none. */
    public long indexDateMaxFutureMs() {
        return getLong(INDEX_DATE_MAX_FUTURE_MS_CONFIG);
    }

    public long indexDateMaxAgeMs() {
        return getLong(INDEX_DATE_MAX_AGE_MS_CONFIG);
    }

    public String documentIdField() {
        return getString(DOCUMENT_ID_FIELD_CONFIG).trim();
    }

    public TemplateProfile templateProfile() {
        return TemplateProfile.parse(getString(TEMPLATE_PROFILE_CONFIG));
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public long lingerMs() {
        return getLong(LINGER_MS_CONFIG);
    }

    public int maxInFlightRequests() {
        return getInt(MAX_IN_FLIGHT_CONFIG);
    }

    public Retrier retrier() {
        return Retrier.from(this);
    }

    public MalformedRecordBehavior behaviorOnMalformed() {
        return MalformedRecordBehavior.from(this, BEHAVIOR_ON_MALFORMED_CONFIG);
    }
}
