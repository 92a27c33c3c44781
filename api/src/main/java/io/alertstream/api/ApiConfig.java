package io.alertstream.api;

import io.alertstream.topology.rules.Durations;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The {@code alertstream.api.*} settings of {@code alertstream api}, one documented {@link ConfigDef}.
 * Kafka client settings (TLS, SASL) and the engine's topic names come from the same properties
 * ({@link io.alertstream.topology.runtime.AppConfig#load}); this class holds only what the API adds.
 */
public final class ApiConfig extends AbstractConfig {
    public static final String PREFIX = "alertstream.api.";

    public static final String HOST_CONFIG = PREFIX + "host";
    private static final String HOST_DOC = "Interface the HTTP server binds to. The default serves this host only.";
    public static final String PORT_CONFIG = PREFIX + "port";
    private static final String PORT_DOC = "Port of the HTTP server; 0 picks a free one.";
    public static final String ADVERTISED_URL_CONFIG = PREFIX + "advertised.url";
    private static final String ADVERTISED_URL_DOC = "Base URL other API instances use to reach this one (for alerts "
            + "whose state lives here). Default: http(s)://<host>:<port actually bound>.";
    public static final String APPLICATION_ID_CONFIG = PREFIX + "application.id";
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id of the API's own small Streams "
            + "application (its accounts and alert stores). All API instances of one deployment share it.";

    public static final String STATE_DIR_CONFIG = PREFIX + "state.dir";
    private static final String STATE_DIR_DOC = "Where the API keeps its stores (rebuilt from Kafka when lost). Default: a free "
            + "slot under .alertstream/api-state, so several instances on one host need no setting.";
    public static final String USERS_TOPIC_CONFIG = PREFIX + "users.topic";
    private static final String USERS_TOPIC_DOC = "Compacted topic of the accounts, keyed by user id (created when missing).";
    public static final String TOKENS_TOPIC_CONFIG = PREFIX + "tokens.topic";
    private static final String TOKENS_TOPIC_DOC = "Compacted topic of the API tokens (hashed), keyed by token id (created when missing).";

    public static final String HISTORY_RETENTION_CONFIG = PREFIX + "history.retention";
    private static final String HISTORY_RETENTION_DOC = "How far back GET /v1/alerts/history answers from the API's own "
            + "store of alert transitions (by the transitions' event time), e.g. 7d, 12h.";
    public static final String HISTORY_RETENTION_DEFAULT = "7d";
    public static final String HISTORY_MAX_RESULTS_CONFIG = PREFIX + "history.max.results";
    private static final String HISTORY_MAX_RESULTS_DOC = "Most transitions one history answer holds (the newest); "
            + "a longer answer says truncated=true.";
    public static final String PEER_TIMEOUT_CONFIG = PREFIX + "peer.timeout";
    private static final String PEER_TIMEOUT_DOC = "How long an instance waits for another instance it asks for the "
            + "alerts that live there (a key's owner, or every instance for a list), e.g. 5s.";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HOST_CONFIG, Type.STRING, "127.0.0.1", Importance.HIGH, HOST_DOC)
            .define(PORT_CONFIG, Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.HIGH, PORT_DOC)
            .define(ADVERTISED_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ADVERTISED_URL_DOC)
            .define(APPLICATION_ID_CONFIG, Type.STRING, "alertstream-api", Importance.MEDIUM, APPLICATION_ID_DOC)
            .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.LOW, STATE_DIR_DOC)
            .define(USERS_TOPIC_CONFIG, Type.STRING, "users", Importance.MEDIUM, USERS_TOPIC_DOC)
            .define(TOKENS_TOPIC_CONFIG, Type.STRING, "api-tokens", Importance.MEDIUM, TOKENS_TOPIC_DOC)
            .define(HISTORY_RETENTION_CONFIG, Type.STRING, HISTORY_RETENTION_DEFAULT, ApiConfig::checkDuration, Importance.MEDIUM,
                    HISTORY_RETENTION_DOC)
            .define(HISTORY_MAX_RESULTS_CONFIG, Type.INT, 1000, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    HISTORY_MAX_RESULTS_DOC)
            .define(PEER_TIMEOUT_CONFIG, Type.STRING, "5s", ApiConfig::checkDuration, Importance.LOW, PEER_TIMEOUT_DOC);

    private static void checkDuration(String name, Object value) {
        if (value == null || Durations.parse(value.toString()) == null) {
            throw new ConfigException(name, value, "not a duration (use e.g. 500ms, 30s, 5m, 7d)");
        }
    }

    private final Properties all;

    /** @param all every property of the process; the {@code alertstream.api.*} ones are read here */
    public ApiConfig(Properties all) {
        super(CONFIG_DEF, apiOnly(all));
        this.all = all;
    }

    private static Map<String, Object> apiOnly(Properties all) {
        Map<String, Object> m = new java.util.HashMap<>();
        all.stringPropertyNames().stream().filter(k -> k.startsWith(PREFIX)).forEach(k -> m.put(k, all.getProperty(k)));
        return m;
    }

    /** Every property of the process: Kafka clients and the engine's topic settings read theirs from it. */
    public Properties all() {
        Properties copy = new Properties();
        copy.putAll(all);
        return copy;
    }

    public String host() {
        return getString(HOST_CONFIG);
    }

    public int port() {
        return getInt(PORT_CONFIG);
    }

    public String advertisedUrl() {
        return getString(ADVERTISED_URL_CONFIG);
    }

    /** The configured state directory, or empty for a free slot under the default. */
    public String stateDir() {
        return getString(STATE_DIR_CONFIG);
    }

    public Duration historyRetention() {
        return Durations.parse(getString(HISTORY_RETENTION_CONFIG));
    }

    public int historyMaxResults() {
        return getInt(HISTORY_MAX_RESULTS_CONFIG);
    }

    public Duration peerTimeout() {
        return Durations.parse(getString(PEER_TIMEOUT_CONFIG));
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }
}
