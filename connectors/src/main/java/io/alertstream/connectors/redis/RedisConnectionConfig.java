package io.alertstream.connectors.redis;

import io.alertstream.connectors.common.ConfigErrors;
import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.TrustStoreConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The "Connection" and "Security" groups of the Redis sink: endpoint (URI, or host/port/database),
 * ACL user and password, TLS with a trust store, and timeouts; {@link #endpoint} resolves them into one
 * {@link RedisEndpoint}.
 *
 * <p>Precedence: {@code redis.uri}, when set, gives host, port, database and TLS ({@code rediss://});
 * {@code redis.user}/{@code redis.password}, when set, win over credentials inside the URI.
 */
public final class RedisConnectionConfig {
    static final String CONNECTION_GROUP = "Connection";
    static final String SECURITY_GROUP = "Security";
    static final String PREFIX = "redis.";

    public static final String URI_CONFIG = "redis.uri";
    private static final String URI_DOC = "Redis URI, e.g. redis://127.0.0.1:6379/0 or rediss://user:pass@host:6380/2. "
            + "When set it overrides redis.host, redis.port, redis.database and redis.ssl.enabled. Typed as a "
            + "password because it may carry credentials: Connect never logs it.";
    public static final String HOST_CONFIG = "redis.host";
    private static final String HOST_DOC = "Redis host, used when redis.uri is empty.";
    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final String PORT_CONFIG = "redis.port";
    private static final String PORT_DOC = "Redis port, used when redis.uri is empty.";
    public static final int PORT_DEFAULT = 6379;
    public static final String DATABASE_CONFIG = "redis.database";
    private static final String DATABASE_DOC = "Database index, used when redis.uri is empty or names none.";
    public static final String CONNECT_TIMEOUT_MS_CONFIG = "redis.connect.timeout.ms";
    private static final String CONNECT_TIMEOUT_MS_DOC = "Time allowed to connect to Redis.";
    public static final int CONNECT_TIMEOUT_MS_DEFAULT = 2_000;
    public static final String SOCKET_TIMEOUT_MS_CONFIG = "redis.socket.timeout.ms";
    private static final String SOCKET_TIMEOUT_MS_DOC = "Time allowed for Redis to answer a pipelined batch; a "
            + "timeout is retried like an outage.";
    public static final int SOCKET_TIMEOUT_MS_DEFAULT = 5_000;

    public static final String USER_CONFIG = "redis.user";
    private static final String USER_DOC = "ACL user (Redis 6+); empty for the default user.";
    public static final String PASSWORD_CONFIG = "redis.password";
    private static final String PASSWORD_DOC = "Password of the ACL user (or of requirepass). Use ${env:VAR} with "
            + "the worker's EnvVarConfigProvider to read it from the environment.";
    public static final String SSL_ENABLED_CONFIG = "redis.ssl.enabled";
    private static final String SSL_ENABLED_DOC = "Connect with TLS (implied by a rediss:// URI).";

    private RedisConnectionConfig() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(URI_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH, URI_DOC, CONNECTION_GROUP,
                        ++order, ConfigDef.Width.LONG, "Redis URI")
                .define(HOST_CONFIG, ConfigDef.Type.STRING, HOST_DEFAULT, ConfigDef.Importance.HIGH, HOST_DOC,
                        CONNECTION_GROUP, ++order, ConfigDef.Width.MEDIUM, "Host")
                .define(PORT_CONFIG, ConfigDef.Type.INT, PORT_DEFAULT, ConfigDef.Range.between(1, 65_535),
                        ConfigDef.Importance.HIGH, PORT_DOC, CONNECTION_GROUP, ++order, ConfigDef.Width.SHORT, "Port")
                .define(DATABASE_CONFIG, ConfigDef.Type.INT, 0, ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM,
                        DATABASE_DOC, CONNECTION_GROUP, ++order, ConfigDef.Width.SHORT, "Database")
                .define(CONNECT_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, CONNECT_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, CONNECT_TIMEOUT_MS_DOC, CONNECTION_GROUP,
                        ++order, ConfigDef.Width.SHORT, "Connect timeout (ms)")
                .define(SOCKET_TIMEOUT_MS_CONFIG, ConfigDef.Type.INT, SOCKET_TIMEOUT_MS_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, SOCKET_TIMEOUT_MS_DOC, CONNECTION_GROUP,
                        ++order, ConfigDef.Width.SHORT, "Socket timeout (ms)");
        order = 0;
        def.define(USER_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM, USER_DOC, SECURITY_GROUP,
                        ++order, ConfigDef.Width.MEDIUM, "ACL user")
                .define(PASSWORD_CONFIG, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.MEDIUM, PASSWORD_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.MEDIUM, "Password")
                .define(SSL_ENABLED_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM, SSL_ENABLED_DOC,
                        SECURITY_GROUP, ++order, ConfigDef.Width.SHORT, "TLS");
        TrustStoreConfig.define(def, PREFIX, SECURITY_GROUP, ++order, "Redis");
    }

    static List<ConfigProblem> crossFieldProblems(AbstractConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        try {
            RedisEndpoint endpoint = endpoint(config);
            if (endpoint.user() != null && endpoint.password() == null) {
                problems.add(new ConfigProblem(PASSWORD_CONFIG, USER_CONFIG + " is set but no password is given "
                        + "(" + PASSWORD_CONFIG + " or the password in " + URI_CONFIG + ")"));
            }
        } catch (ConfigException e) {
            problems.add(new ConfigProblem(URI_CONFIG, e.getMessage()));
        }
        TrustStoreConfig.crossFieldProblem(config, PREFIX).ifPresent(problems::add);
        return problems;
    }

    /** The endpoint and credentials to connect with, after applying the precedence rules above. */
    static RedisEndpoint endpoint(AbstractConfig config) {
        Password uriValue = config.getPassword(URI_CONFIG);
        String uriText = uriValue == null ? "" : uriValue.value().trim();
        String user = blankToNull(config.getString(USER_CONFIG));
        Password password = config.getPassword(PASSWORD_CONFIG);
        String secret = password == null || password.value().isEmpty() ? null : password.value();
        if (uriText.isEmpty()) {
            return new RedisEndpoint(config.getString(HOST_CONFIG), config.getInt(PORT_CONFIG),
                    config.getInt(DATABASE_CONFIG), user, secret, config.getBoolean(SSL_ENABLED_CONFIG));
        }
        URI uri;
        try {
            uri = URI.create(uriText);
        } catch (IllegalArgumentException e) {
            // Not e.getMessage(): URI.create quotes the whole input, password included.
            throw ConfigErrors.invalid(URI_CONFIG, "not a URI (" + reason(e) + ")");
        }
        if (!JedisURIHelper.isValid(uri)) {
            // The value may hold a password: never echo it.
            throw new ConfigException(URI_CONFIG + " must look like redis://[user:password@]host:port[/database] "
                    + "or rediss://...");
        }
        int database;
        try {
            database = JedisURIHelper.hasDbIndex(uri) ? JedisURIHelper.getDBIndex(uri) : config.getInt(DATABASE_CONFIG);
        } catch (RuntimeException e) {
            throw ConfigErrors.invalid(URI_CONFIG, "the path must be a database number, e.g. redis://host:6379/0");
        }
        return new RedisEndpoint(uri.getHost(), uri.getPort(), database,
                user != null ? user : JedisURIHelper.getUser(uri),
                secret != null ? secret : JedisURIHelper.getPassword(uri),
                JedisURIHelper.isRedisSSLScheme(uri) || config.getBoolean(SSL_ENABLED_CONFIG));
    }

    private static String reason(IllegalArgumentException e) {
        return e.getCause() instanceof java.net.URISyntaxException syntax
                ? syntax.getReason() + " at index " + syntax.getIndex() : "malformed";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
