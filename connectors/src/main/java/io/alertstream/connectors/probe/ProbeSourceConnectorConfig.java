package io.alertstream.connectors.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Configuration of the uptime probe source: where targets come from, where results go, how checks run and
 * which addresses they may reach.
 *
 * <p>Input: the connector's (or task's) string properties. Output: typed accessors, parsed once.
 */
public final class ProbeSourceConnectorConfig extends AbstractConfig {
    static final String TARGETS_GROUP = "Targets";
    static final String PROBES_GROUP = "Probes";
    static final String SECURITY_GROUP = "Security";

    public static final String TARGETS_TOPIC_CONFIG = "targets.topic";
    private static final String TARGETS_TOPIC_DOC = "Compacted topic of uptime targets, keyed by target id, value "
            + "a JSON target (id, url, method, interval_ms, timeout_ms, expected_status, ...); a tombstone deletes "
            + "the target. Every task reads the whole topic and keeps the targets whose murmur2 hash of the id "
            + "modulo tasks.max is its index; bad records are skipped with a rate-limited warning.";
    public static final String TARGETS_TOPIC_DEFAULT = "targets";

    public static final String TARGETS_BOOTSTRAP_CONFIG = "targets.bootstrap.servers";
    private static final String TARGETS_BOOTSTRAP_DOC = "Bootstrap servers of the cluster holding targets.topic "
            + "(a source connector is not handed the worker's). Other consumer settings (security.protocol, "
            + "sasl.*, ssl.*) go under the prefix targets.consumer., e.g. targets.consumer.security.protocol.";

    public static final String PROBES_TOPIC_CONFIG = "probes.topic";
    private static final String PROBES_TOPIC_DOC = "Topic the results go to: one record per check, keyed by "
            + "target id, value a schemaless JSON object (use value.converter=org.apache.kafka.connect.json."
            + "JsonConverter with value.converter.schemas.enable=false).";
    public static final String PROBES_TOPIC_DEFAULT = "probes";

    public static final String LOCATION_CONFIG = "probe.location";
    private static final String LOCATION_DOC = "Where the checks run from, copied into every result's "
            + "'location'. Empty: the worker's host name.";

    public static final String CONCURRENCY_CONFIG = "probe.concurrency";
    private static final String CONCURRENCY_DOC = "Checks in flight at once per task (and threads resolving "
            + "host names). Checks due while all are busy start late, with their scheduled time unchanged.";
    public static final int CONCURRENCY_DEFAULT = 15;

    public static final String FOLLOW_REDIRECTS_CONFIG = "probe.follow.redirects";
    private static final String FOLLOW_REDIRECTS_DOC = "Follow redirects (301, 302, 303, 307, 308; at most 5 "
            + "hops, http and https only, each hop's host checked like the target's, see "
            + "probe.allow.private.networks). false: a 3xx answer is the result, judged against the target's "
            + "expected_status.";

    public static final String MAX_BODY_BYTES_CONFIG = "probe.max.body.bytes";
    private static final String MAX_BODY_BYTES_DOC = "Bytes of a response body read at most (body_contains "
            + "looks only at these); the rest is not read and the connection is closed.";
    public static final int MAX_BODY_BYTES_DEFAULT = 64 * 1024;

    public static final String ALLOW_PRIVATE_CONFIG = "probe.allow.private.networks";
    private static final String ALLOW_PRIVATE_DOC = "Allow targets whose host resolves to a loopback, private, "
            + "link-local (cloud metadata), carrier-grade NAT, unique-local or wildcard address. false: such a "
            + "check is a result with error 'blocked' and no request is sent. Only http and https URLs are "
            + "ever probed.";

    public static final ConfigDef CONFIG_DEF = configDef();

    public ProbeSourceConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(TARGETS_TOPIC_CONFIG, ConfigDef.Type.STRING, TARGETS_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.HIGH, TARGETS_TOPIC_DOC, TARGETS_GROUP, ++order, ConfigDef.Width.MEDIUM,
                        "Targets topic")
                .define(TARGETS_BOOTSTRAP_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
                        ConfigDef.Importance.HIGH, TARGETS_BOOTSTRAP_DOC, TARGETS_GROUP, ++order,
                        ConfigDef.Width.LONG, "Targets bootstrap servers");
        order = 0;
        def.define(PROBES_TOPIC_CONFIG, ConfigDef.Type.STRING, PROBES_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(),
                        ConfigDef.Importance.HIGH, PROBES_TOPIC_DOC, PROBES_GROUP, ++order, ConfigDef.Width.MEDIUM,
                        "Probes topic")
                .define(LOCATION_CONFIG, ConfigDef.Type.STRING, "", ConfigDef.Importance.MEDIUM, LOCATION_DOC,
                        PROBES_GROUP, ++order, ConfigDef.Width.MEDIUM, "Location")
                .define(CONCURRENCY_CONFIG, ConfigDef.Type.INT, CONCURRENCY_DEFAULT, ConfigDef.Range.between(1, 1000),
                        ConfigDef.Importance.MEDIUM, CONCURRENCY_DOC, PROBES_GROUP, ++order, ConfigDef.Width.SHORT,
                        "Concurrency")
                .define(FOLLOW_REDIRECTS_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                        FOLLOW_REDIRECTS_DOC, PROBES_GROUP, ++order, ConfigDef.Width.SHORT, "Follow redirects")
                .define(MAX_BODY_BYTES_CONFIG, ConfigDef.Type.INT, MAX_BODY_BYTES_DEFAULT,
                        ConfigDef.Range.between(0, 16 * 1024 * 1024), ConfigDef.Importance.LOW, MAX_BODY_BYTES_DOC,
                        PROBES_GROUP, ++order, ConfigDef.Width.SHORT, "Max body bytes");
        def.define(ALLOW_PRIVATE_CONFIG, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.HIGH, ALLOW_PRIVATE_DOC,
                SECURITY_GROUP, 1, ConfigDef.Width.SHORT, "Allow private networks");
        return def;
    }

    public String targetsTopic() {
        return getString(TARGETS_TOPIC_CONFIG);
    }

    /** Consumer properties for the targets topic: bootstrap servers plus everything under targets.consumer. */
    public Map<String, Object> targetsConsumerProps() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix("targets.consumer."));
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(TARGETS_BOOTSTRAP_CONFIG)));
        return props;
    }

    public String probesTopic() {
        return getString(PROBES_TOPIC_CONFIG);
    }

    public String location() {
        String configured = getString(LOCATION_CONFIG);
        if (!configured.isBlank()) {
            return configured;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    public int concurrency() {
        return getInt(CONCURRENCY_CONFIG);
    }

    public boolean followRedirects() {
        return getBoolean(FOLLOW_REDIRECTS_CONFIG);
    }

    public int maxBodyBytes() {
        return getInt(MAX_BODY_BYTES_CONFIG);
    }

    public boolean allowPrivateNetworks() {
        return getBoolean(ALLOW_PRIVATE_CONFIG);
    }
}
