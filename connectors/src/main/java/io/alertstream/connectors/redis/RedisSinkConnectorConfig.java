package io.alertstream.connectors.redis;

import io.alertstream.connectors.common.ConfigProblem;
import io.alertstream.connectors.common.MalformedRecordBehavior;
import io.alertstream.connectors.common.Retrier;
import io.alertstream.connectors.common.TrustStoreConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Configuration of the Redis counter sink: connection and security ({@link RedisConnectionConfig}), key
 * layout and expiry, pipelining, retries and malformed-record handling.
 *
 * <p>Input: the connector's string properties. Output: typed accessors parsed once; cross-field problems
 * for {@code Connector.validate}.
 */
public final class RedisSinkConnectorConfig extends AbstractConfig {
    static final String DATA_GROUP = "Data";
    static final String WRITE_GROUP = "Writes";

    public static final String KEY_PREFIX_CONFIG = "redis.key.prefix";
    private static final String KEY_PREFIX_DOC = "Prefix of the hash keys: one hash per rule and group, "
            + "<prefix><ruleId>:<groupKey>.";
    public static final String KEY_PREFIX_DEFAULT = "alertstream:counter:";

    public static final String TTL_MS_CONFIG = "redis.ttl.ms";
    private static final String TTL_MS_DOC = "Expiry of a counter hash after its last write, and how far behind "
            + "the newest window older window fields are kept. -1: the counter's window size (windowEnd - "
            + "windowStart) times redis.ttl.window.factor; 0: never expire.";
    public static final long TTL_MS_DEFAULT = -1;

    public static final String TTL_WINDOW_FACTOR_CONFIG = "redis.ttl.window.factor";
    private static final String TTL_WINDOW_FACTOR_DOC = "Windows to keep when redis.ttl.ms=-1.";
    public static final int TTL_WINDOW_FACTOR_DEFAULT = 10;

    public static final String BATCH_SIZE_CONFIG = "redis.batch.size";
    private static final String BATCH_SIZE_DOC = "Counter updates sent per pipelined round trip.";
    public static final int BATCH_SIZE_DEFAULT = 500;

    public static final String BEHAVIOR_ON_MALFORMED_CONFIG = MalformedRecordBehavior.RECORDS_CONFIG;
    private static final String BEHAVIOR_ON_MALFORMED_WHAT = "What to do with a record that is not a counter "
            + "(not JSON, or missing ruleId, groupKey, windowStart, windowEnd or a numeric value) or whose key "
            + "holds another Redis type.";

    public static final ConfigDef CONFIG_DEF = configDef();

    private final RedisEndpoint endpoint;

    public RedisSinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.endpoint = RedisConnectionConfig.endpoint(this);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        RedisConnectionConfig.define(def);
        int order = 0;
        def.define(KEY_PREFIX_CONFIG, ConfigDef.Type.STRING, KEY_PREFIX_DEFAULT, ConfigDef.Importance.MEDIUM,
                        KEY_PREFIX_DOC, DATA_GROUP, ++order, ConfigDef.Width.MEDIUM, "Key prefix")
                .define(TTL_MS_CONFIG, ConfigDef.Type.LONG, TTL_MS_DEFAULT, ConfigDef.Range.atLeast(-1),
                        ConfigDef.Importance.MEDIUM, TTL_MS_DOC, DATA_GROUP, ++order, ConfigDef.Width.SHORT, "TTL (ms)")
                .define(TTL_WINDOW_FACTOR_CONFIG, ConfigDef.Type.INT, TTL_WINDOW_FACTOR_DEFAULT,
                        ConfigDef.Range.atLeast(1), ConfigDef.Importance.LOW, TTL_WINDOW_FACTOR_DOC, DATA_GROUP,
                        ++order, ConfigDef.Width.SHORT, "TTL window factor");
        order = 0;
        def.define(BATCH_SIZE_CONFIG, ConfigDef.Type.INT, BATCH_SIZE_DEFAULT, ConfigDef.Range.between(1, 100_000),
                ConfigDef.Importance.LOW, BATCH_SIZE_DOC, WRITE_GROUP, ++order, ConfigDef.Width.SHORT, "Batch size");
        Retrier.define(def, WRITE_GROUP, ++order);
        MalformedRecordBehavior.define(def, BEHAVIOR_ON_MALFORMED_CONFIG, BEHAVIOR_ON_MALFORMED_WHAT);
        return def;
    }

    public List<ConfigProblem> crossFieldProblems() {
        List<ConfigProblem> problems = new ArrayList<>(RedisConnectionConfig.crossFieldProblems(this));
        Retrier.crossFieldProblem(this).ifPresent(problems::add);
        return problems;
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    public Optional<SSLContext> sslContext() {
        return TrustStoreConfig.sslContext(this, RedisConnectionConfig.PREFIX);
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getInt(RedisConnectionConfig.CONNECT_TIMEOUT_MS_CONFIG));
    }

    public Duration socketTimeout() {
        return Duration.ofMillis(getInt(RedisConnectionConfig.SOCKET_TIMEOUT_MS_CONFIG));
    }

    public String keyPrefix() {
        return getString(KEY_PREFIX_CONFIG);
    }

    public long ttlMs() {
        return getLong(TTL_MS_CONFIG);
    }

    public int ttlWindowFactor() {
        return getInt(TTL_WINDOW_FACTOR_CONFIG);
    }

    public int batchSize() {
        return getInt(BATCH_SIZE_CONFIG);
    }

    public Retrier retrier() {
        return Retrier.from(this);
    }

    public MalformedRecordBehavior behaviorOnMalformed() {
        return MalformedRecordBehavior.from(this, BEHAVIOR_ON_MALFORMED_CONFIG);
    }
}
