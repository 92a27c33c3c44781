package io.alertstream.api;

import io.alertstream.topology.sourcefile.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

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
    public static final String TOPIC_PARTITIONS_CONFIG = PREFIX + "topic.partitions";
    private static final String TOPIC_PARTITIONS_DOC = "Partitions of the engine's topics (events, alerts, ...) this instance "
            + "creates when they are missing, as `run --partitions` would: the API reads alerts and writes events, and may start first.";
    public static final String TOPIC_REPLICATION_CONFIG = PREFIX + "topic.replication.factor";
    private static final String TOPIC_REPLICATION_DOC = "Replication factor of the topics this instance creates when missing "
            + "(engine topics, users, tokens); -1 takes the broker's default.";
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
    public static final String HISTORY_ES_PREFIX = PREFIX + "history.elasticsearch.";
    public static final String HISTORY_ES_URL_CONFIG = HISTORY_ES_PREFIX + "url";
    private static final String HISTORY_ES_URL_DOC = "Elasticsearch HTTP endpoint(s) where the Elasticsearch sink writes the "
            + "alerts topic, e.g. https://es1:9200 (comma-separated for several, tried in order). When set, the part of a "
            + "history range older than the retention is answered from there. Empty: history ends at the retention.";
    public static final String HISTORY_ES_USERNAME_CONFIG = HISTORY_ES_PREFIX + "username";
    private static final String HISTORY_ES_USERNAME_DOC = "User for HTTP basic authentication to Elasticsearch (read access "
            + "to the alert indices suffices); empty for none.";
    public static final String HISTORY_ES_PASSWORD_CONFIG = HISTORY_ES_PREFIX + "password";
    private static final String HISTORY_ES_PASSWORD_DOC = "Password of that user.";
    public static final String HISTORY_ES_INDEX_CONFIG = HISTORY_ES_PREFIX + "index";
    private static final String HISTORY_ES_INDEX_DOC = "Indices to search: the sink's index.pattern for the alerts topic with "
            + "{topic} replaced and each date part as *, e.g. alerts-* for {topic}-{yyyy.MM.dd}.";
    public static final String HISTORY_ES_TIMEOUT_CONFIG = HISTORY_ES_PREFIX + "timeout";
    private static final String HISTORY_ES_TIMEOUT_DOC = "How long one request to Elasticsearch may take (connect and answer); "
            + "beyond, the history answer is 503 with Retry-After, e.g. 10s.";
    public static final String HISTORY_ES_TRUSTSTORE_LOCATION_CONFIG = HISTORY_ES_PREFIX + "ssl.truststore.location";
    private static final String HISTORY_ES_TRUSTSTORE_LOCATION_DOC = "Trust store with the CA that signed the Elasticsearch "
            + "server certificate (as the sink's connection.ssl.truststore.location). Empty: the JVM's default trust store.";
    public static final String HISTORY_ES_TRUSTSTORE_PASSWORD_CONFIG = HISTORY_ES_PREFIX + "ssl.truststore.password";
    private static final String HISTORY_ES_TRUSTSTORE_PASSWORD_DOC = "Password of the trust store, if it has one.";
    public static final String HISTORY_ES_TRUSTSTORE_TYPE_CONFIG = HISTORY_ES_PREFIX + "ssl.truststore.type";
    private static final String HISTORY_ES_TRUSTSTORE_TYPE_DOC = "Format of the trust store file: PKCS12 or JKS.";
    public static final String PEER_TIMEOUT_CONFIG = PREFIX + "peer.timeout";
    private static final String PEER_TIMEOUT_DOC = "How long an instance waits for another instance it asks for the "
            + "alerts that live there (a key's owner, or every instance for a list), e.g. 5s.";

    public static final String JWT_SECRET_CONFIG = PREFIX + "jwt.secret";
    private static final String JWT_SECRET_DOC = "Secret (at least 32 bytes) that signs and checks login tokens (JWT, HS256). "
            + "Required; every instance of one deployment needs the same. Changing it logs everyone out.";
    public static final String JWT_TTL_CONFIG = PREFIX + "jwt.ttl";
    private static final String JWT_TTL_DOC = "How long a login token (JWT) is valid, e.g. 1h, 30m.";
    public static final String BCRYPT_COST_CONFIG = PREFIX + "bcrypt.cost";
    private static final String BCRYPT_COST_DOC = "bcrypt cost (log2 of the rounds) for new password hashes; 12 takes about "
            + "0.2 s per signup and login on one core.";
    public static final String METRICS_TOKEN_CONFIG = PREFIX + "metrics.token";
    private static final String METRICS_TOKEN_DOC = "Bearer token that lets a caller from another host read GET /metrics "
            + "(Prometheus' authorization setting). Empty (default): only callers on this host (loopback) may.";
    public static final String ADMIN_USERS_CONFIG = PREFIX + "admin.users";
    private static final String ADMIN_USERS_DOC = "User ids that are admins (see every alert). Empty: nobody is.";

    public static final String INGEST_MAX_ITEMS_CONFIG = PREFIX + "ingest.max.items";
    private static final String INGEST_MAX_ITEMS_DOC = "Most events one POST /v1/events may carry; more answers 413.";
    public static final String INGEST_MAX_BYTES_CONFIG = PREFIX + "ingest.max.bytes";
    private static final String INGEST_MAX_BYTES_DOC = "Largest body of POST /v1/events in bytes; larger answers 413.";
    public static final String INGEST_TIMEOUT_CONFIG = PREFIX + "ingest.timeout";
    private static final String INGEST_TIMEOUT_DOC = "How long POST /v1/events waits for the brokers to acknowledge its events "
            + "(and for metadata) before it answers 503; e.g. 10s.";

    public static final String TLS_KEYSTORE_PATH_CONFIG = PREFIX + "tls.keystore.path";
    private static final String TLS_KEYSTORE_PATH_DOC = "Key store with the server's key and certificate. When set, only HTTPS is served.";
    public static final String TLS_KEYSTORE_PASSWORD_CONFIG = PREFIX + "tls.keystore.password";
    private static final String TLS_KEYSTORE_PASSWORD_DOC = "Password of the key store (and of its key).";
    public static final String TLS_KEYSTORE_TYPE_CONFIG = PREFIX + "tls.keystore.type";
    private static final String TLS_KEYSTORE_TYPE_DOC = "Type of the key store: PKCS12 or JKS.";
    public static final String CORS_ALLOWED_ORIGINS_CONFIG = PREFIX + "cors.allowed.origins";
    private static final String CORS_ALLOWED_ORIGINS_DOC = "Origins (e.g. https://ui.example.com) browsers may call the API from. "
            + "Empty: CORS is off, no cross-origin browser calls.";
    public static final String RATE_LIMIT_PER_SECOND_CONFIG = PREFIX + "rate.limit.per.second";
    private static final String RATE_LIMIT_PER_SECOND_DOC = "Requests per second one caller (API token, or user with a login token, "
            + "or client address for signup and login) may make on average; beyond answers 429 with Retry-After.";
    public static final String RATE_LIMIT_BURST_CONFIG = PREFIX + "rate.limit.burst";
    private static final String RATE_LIMIT_BURST_DOC = "Requests one caller may make at once before the per-second rate applies.";

    public static final String CONSOLE_EVENTS_URL_CONFIG = PREFIX + "console.events.url";
    private static final String CONSOLE_EVENTS_URL_DOC = "Kibana Discover URL of the events, e.g. "
            + "https://kibana.example.com/app/discover#/ ; when set, the console's alert page links to the events of the alert's "
            + "window and group (time range and a KQL query on the group values). Empty: no link.";
    public static final String CONSOLE_EVENTS_DATA_VIEW_CONFIG = PREFIX + "console.events.data.view";
    private static final String CONSOLE_EVENTS_DATA_VIEW_DOC = "Kibana data view id of the events index, for the console's links to "
            + "the events. Empty: Discover's default data view.";

    // Named validators: their text is the "valid values" column of the generated reference.
    private static final ConfigDef.Validator POSITIVE_DURATION =
            ConfigDef.LambdaValidator.with(ApiConfig::positiveDuration, () -> "a positive duration, e.g. 500ms, 30s, 1h, 7d");
    private static final ConfigDef.Validator AT_LEAST_32_BYTES =
            ConfigDef.LambdaValidator.with(ApiConfig::atLeast32Bytes, () -> "at least 32 bytes");
    private static final ConfigDef.Validator OPTIONAL_HTTP_URL =
            ConfigDef.LambdaValidator.with(ApiConfig::optionalHttpUrl, () -> "empty, or an http(s) URL without credentials");
    private static final ConfigDef.Validator HTTP_URLS =
            ConfigDef.LambdaValidator.with(ApiConfig::httpUrls, () -> "http(s) URLs without credentials");

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HOST_CONFIG, Type.STRING, "127.0.0.1", Importance.HIGH, HOST_DOC)
            .define(PORT_CONFIG, Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.HIGH, PORT_DOC)
            .define(ADVERTISED_URL_CONFIG, Type.STRING, "", Importance.MEDIUM, ADVERTISED_URL_DOC)
            .define(APPLICATION_ID_CONFIG, Type.STRING, "alertstream-api", Importance.MEDIUM, APPLICATION_ID_DOC)
            .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.LOW, STATE_DIR_DOC)
            .define(TOPIC_PARTITIONS_CONFIG, Type.INT, 4, ConfigDef.Range.atLeast(1), Importance.LOW, TOPIC_PARTITIONS_DOC)
            .define(TOPIC_REPLICATION_CONFIG, Type.SHORT, (short) 1, Importance.LOW, TOPIC_REPLICATION_DOC)
            .define(USERS_TOPIC_CONFIG, Type.STRING, "users", Importance.MEDIUM, USERS_TOPIC_DOC)
            .define(TOKENS_TOPIC_CONFIG, Type.STRING, "api-tokens", Importance.MEDIUM, TOKENS_TOPIC_DOC)
            .define(HISTORY_RETENTION_CONFIG, Type.STRING, HISTORY_RETENTION_DEFAULT, POSITIVE_DURATION, Importance.MEDIUM,
                    HISTORY_RETENTION_DOC)
            .define(HISTORY_MAX_RESULTS_CONFIG, Type.INT, 1000, ConfigDef.Range.between(1, 100_000), Importance.LOW,
                    HISTORY_MAX_RESULTS_DOC)
            .define(HISTORY_ES_URL_CONFIG, Type.LIST, "", HTTP_URLS, Importance.MEDIUM, HISTORY_ES_URL_DOC)
            .define(HISTORY_ES_USERNAME_CONFIG, Type.STRING, "", Importance.MEDIUM, HISTORY_ES_USERNAME_DOC)
            .define(HISTORY_ES_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, HISTORY_ES_PASSWORD_DOC)
            .define(HISTORY_ES_INDEX_CONFIG, Type.STRING, "alerts-*", new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.MEDIUM, HISTORY_ES_INDEX_DOC)
            .define(HISTORY_ES_TIMEOUT_CONFIG, Type.STRING, "10s", POSITIVE_DURATION, Importance.LOW, HISTORY_ES_TIMEOUT_DOC)
            .define(HISTORY_ES_TRUSTSTORE_LOCATION_CONFIG, Type.STRING, "", Importance.MEDIUM, HISTORY_ES_TRUSTSTORE_LOCATION_DOC)
            .define(HISTORY_ES_TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, HISTORY_ES_TRUSTSTORE_PASSWORD_DOC)
            .define(HISTORY_ES_TRUSTSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"), Importance.LOW,
                    HISTORY_ES_TRUSTSTORE_TYPE_DOC)
            .define(PEER_TIMEOUT_CONFIG, Type.STRING, "5s", POSITIVE_DURATION, Importance.LOW, PEER_TIMEOUT_DOC)
            .define(JWT_SECRET_CONFIG, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, AT_LEAST_32_BYTES, Importance.HIGH, JWT_SECRET_DOC)
            .define(JWT_TTL_CONFIG, Type.STRING, "1h", POSITIVE_DURATION, Importance.MEDIUM, JWT_TTL_DOC)
            .define(BCRYPT_COST_CONFIG, Type.INT, 12, ConfigDef.Range.between(4, 31), Importance.LOW, BCRYPT_COST_DOC)
            .define(ADMIN_USERS_CONFIG, Type.LIST, "", Importance.MEDIUM, ADMIN_USERS_DOC)
            .define(METRICS_TOKEN_CONFIG, Type.PASSWORD, "", Importance.LOW, METRICS_TOKEN_DOC)
            .define(INGEST_MAX_ITEMS_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.MEDIUM, INGEST_MAX_ITEMS_DOC)
            .define(INGEST_MAX_BYTES_CONFIG, Type.INT, 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.MEDIUM, INGEST_MAX_BYTES_DOC)
            .define(INGEST_TIMEOUT_CONFIG, Type.STRING, "10s", POSITIVE_DURATION, Importance.MEDIUM, INGEST_TIMEOUT_DOC)
            .define(TLS_KEYSTORE_PATH_CONFIG, Type.STRING, "", Importance.HIGH, TLS_KEYSTORE_PATH_DOC)
            .define(TLS_KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.HIGH, TLS_KEYSTORE_PASSWORD_DOC)
            .define(TLS_KEYSTORE_TYPE_CONFIG, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS"), Importance.LOW, TLS_KEYSTORE_TYPE_DOC)
            .define(CORS_ALLOWED_ORIGINS_CONFIG, Type.LIST, "", Importance.MEDIUM, CORS_ALLOWED_ORIGINS_DOC)
            .define(RATE_LIMIT_PER_SECOND_CONFIG, Type.INT, 50, ConfigDef.Range.atLeast(1), Importance.MEDIUM, RATE_LIMIT_PER_SECOND_DOC)
            .define(RATE_LIMIT_BURST_CONFIG, Type.INT, 100, ConfigDef.Range.atLeast(1), Importance.MEDIUM, RATE_LIMIT_BURST_DOC)
            .define(CONSOLE_EVENTS_URL_CONFIG, Type.STRING, "", OPTIONAL_HTTP_URL, Importance.LOW, CONSOLE_EVENTS_URL_DOC)
            .define(CONSOLE_EVENTS_DATA_VIEW_CONFIG, Type.STRING, "", Importance.LOW, CONSOLE_EVENTS_DATA_VIEW_DOC);

    /** Empty, or an absolute http(s) URL without credentials (the link is shown to every console user). */
    private static void optionalHttpUrl(String name, Object value) {
        String url = value == null ? "" : value.toString().trim();
        if (url.isEmpty()) {
            return;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(name + " holds what is not a URL (" + e.getReason() + ")");
        }
        if (uri.getUserInfo() != null) {
            throw new ConfigException(name + " must not carry credentials: every console user sees the link");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigException(name + ": expected an http(s) URL such as https://kibana.example.com/app/discover#/");
        }
    }

    private static void atLeast32Bytes(String name, Object value) {
        if (value == null || ((Password) value).value().getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException(name + " must be at least 32 bytes long (e.g. `openssl rand -base64 48`); it signs login tokens");
        }
    }

    /** Absolute http(s) URLs with a host and no credentials in them (those go in the username and password keys). */
    private static void httpUrls(String name, Object value) {
        for (Object url : (List<?>) value) {
            java.net.URI uri;
            try {
                uri = new java.net.URI(url.toString().trim());
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(name + " holds what is not a URL (" + e.getReason() + ")");
            }
            if (uri.getUserInfo() != null) {
                // Not echoed: the value holds a secret.
                throw new ConfigException(name + " must not carry credentials: use " + HISTORY_ES_USERNAME_CONFIG + " and "
                        + HISTORY_ES_PASSWORD_CONFIG);
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(name + ": expected http://host:port or https://host:port");
            }
        }
    }

    private static void positiveDuration(String name, Object value) {
        Duration d = value == null ? null : Durations.parse(value.toString());
        if (d == null || d.isZero() || d.isNegative()) {
            throw new ConfigException(name + ": not a positive duration (use e.g. 500ms, 30s, 1h)");
        }
    }

    private final Properties all;

    /** @param all every property of the process; the {@code alertstream.api.*} ones are read here */
    public ApiConfig(Properties all) {
        super(CONFIG_DEF, apiOnly(requireSecret(all)));
        this.all = all;
    }

    /**
     * Refuses a missing login-signing secret in one line that names both ways to give it (Kafka's own message
     * names only the key, and the environment variable is how deployments pass secrets).
     */
    private static Properties requireSecret(Properties all) {
        if (all.getProperty(JWT_SECRET_CONFIG) == null) {
            throw new ConfigException(JWT_SECRET_CONFIG + " is required: it signs login tokens. Set the environment variable "
                    + "ALERTSTREAM_API_JWT_SECRET (e.g. to the output of `openssl rand -base64 48`), or the key in --config; "
                    + "every instance of one deployment needs the same");
        }
        return all;
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

    public int topicPartitions() {
        return getInt(TOPIC_PARTITIONS_CONFIG);
    }

    public short topicReplication() {
        return getShort(TOPIC_REPLICATION_CONFIG);
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

    /** The Elasticsearch URLs of the history archive; empty when history ends at the retention. */
    public List<java.net.URI> historyElasticsearchUrls() {
        return getList(HISTORY_ES_URL_CONFIG).stream().map(String::trim).filter(u -> !u.isEmpty()).map(java.net.URI::create).toList();
    }

    public String historyElasticsearchUsername() {
        return getString(HISTORY_ES_USERNAME_CONFIG);
    }

    public String historyElasticsearchPassword() {
        Password p = getPassword(HISTORY_ES_PASSWORD_CONFIG);
        return p == null ? "" : p.value();
    }

    public String historyElasticsearchIndex() {
        return getString(HISTORY_ES_INDEX_CONFIG);
    }

    public Duration historyElasticsearchTimeout() {
        return Durations.parse(getString(HISTORY_ES_TIMEOUT_CONFIG));
    }

    public String historyElasticsearchTruststoreLocation() {
        return getString(HISTORY_ES_TRUSTSTORE_LOCATION_CONFIG);
    }

    public String historyElasticsearchTruststorePassword() {
        Password p = getPassword(HISTORY_ES_TRUSTSTORE_PASSWORD_CONFIG);
        return p == null ? null : p.value();
    }

    public String historyElasticsearchTruststoreType() {
        return getString(HISTORY_ES_TRUSTSTORE_TYPE_CONFIG);
    }

    public Duration peerTimeout() {
        return Durations.parse(getString(PEER_TIMEOUT_CONFIG));
    }

    public String applicationId() {
        return getString(APPLICATION_ID_CONFIG);
    }

    public byte[] jwtSecret() {
        return getPassword(JWT_SECRET_CONFIG).value().getBytes(StandardCharsets.UTF_8);
    }

    public Duration jwtTtl() {
        return Durations.parse(getString(JWT_TTL_CONFIG));
    }

    public int bcryptCost() {
        return getInt(BCRYPT_COST_CONFIG);
    }

    /** The bearer token for /metrics from other hosts; empty: loopback only. */
    public String metricsToken() {
        return getPassword(METRICS_TOKEN_CONFIG).value();
    }

    public List<String> adminUsers() {
        return getList(ADMIN_USERS_CONFIG);
    }

    public int ingestMaxItems() {
        return getInt(INGEST_MAX_ITEMS_CONFIG);
    }

    public int ingestMaxBytes() {
        return getInt(INGEST_MAX_BYTES_CONFIG);
    }

    public Duration ingestTimeout() {
        return Durations.parse(getString(INGEST_TIMEOUT_CONFIG));
    }

    /** The key store path, or empty when TLS is off. */
    public String tlsKeystorePath() {
        return getString(TLS_KEYSTORE_PATH_CONFIG);
    }

    public String tlsKeystorePassword() {
        Password p = getPassword(TLS_KEYSTORE_PASSWORD_CONFIG);
        return p == null ? "" : p.value();
    }

    public String tlsKeystoreType() {
        return getString(TLS_KEYSTORE_TYPE_CONFIG);
    }

    public List<String> corsAllowedOrigins() {
        return getList(CORS_ALLOWED_ORIGINS_CONFIG);
    }

    public int rateLimitPerSecond() {
        return getInt(RATE_LIMIT_PER_SECOND_CONFIG);
    }

    /** The console's links to the events in Kibana ({@link #CONSOLE_EVENTS_URL_CONFIG}); not configured when the URL is empty. */
    public io.alertstream.api.console.EventsLink consoleEventsLink() {
        return new io.alertstream.api.console.EventsLink(getString(CONSOLE_EVENTS_URL_CONFIG).trim(),
                getString(CONSOLE_EVENTS_DATA_VIEW_CONFIG).trim());
    }

    public int rateLimitBurst() {
        return getInt(RATE_LIMIT_BURST_CONFIG);
    }
}
