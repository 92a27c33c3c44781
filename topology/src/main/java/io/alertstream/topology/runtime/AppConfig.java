package io.alertstream.topology.runtime;

import io.alertstream.topology.errors.ContinueProductionHandler;
import io.alertstream.topology.errors.DeadLetterDeserializationHandler;
import io.alertstream.topology.errors.DeadLetterProcessingHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Assembles the application's properties, later sources winning: safe defaults (exactly-once v2),
 * the config file, the environment, then command-line flags. Any Kafka client or Streams property
 * can be given in either place, including TLS ({@code security.protocol=SSL}, {@code ssl.*}) and SASL
 * ({@code sasl.mechanism}, {@code sasl.jaas.config}).
 *
 * <p>Environment: {@code ALERTSTREAM_KAFKA_<KEY>} sets a Kafka/Streams property and
 * {@code ALERTSTREAM_<KEY>} an {@code alertstream.*} one, where KEY is upper case with {@code _} for
 * {@code .}, {@code __} for {@code _} and {@code ___} for {@code -} (e.g.
 * {@code ALERTSTREAM_KAFKA_SASL_JAAS_CONFIG}, {@code ALERTSTREAM_IDLE_TIMEOUT}).
 */
public final class AppConfig {
    private static final String ENV_PREFIX = "ALERTSTREAM_";
    private static final String ENV_KAFKA_PREFIX = "ALERTSTREAM_KAFKA_";

    private AppConfig() {
    }

    public static Properties defaults() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alertstream");
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(".alertstream", "state").toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        // Without this the first rebalance waits 3 s for more members; a lone instance should not.
        p.put("group.initial.rebalance.delay.ms", "0");
        // Streams would hold a task back while one of its input partitions has unfetched data, to process
        // records across partitions in timestamp order. Nothing here relies on that order (alerts follow
        // watermarks, digests the ChangedAt times), and Kafka Streams 4.3 pays for the check with several
        // String.format calls per task and loop whenever an input is empty: 14% of the stream thread in
        // the backlog profile (BENCHMARKS.md). -1 processes whatever is buffered.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        putExceptionHandlers(p);
        return p;
    }

    /**
     * The exception handlers that keep one record from stopping a stream thread (issue #14): a record a
     * processor throws on, a serde cannot read or the producer refuses is skipped and dead-lettered,
     * and processing continues. Kafka's defaults log and fail: the thread dies, its replacement reads
     * the same record, and the partition stops. Tests that build their own Streams properties call this too.
     */
    public static Properties putExceptionHandlers(Properties p) {
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ContinueProductionHandler.class.getName());
        // The rules and routing global stores too: their updaters report and skip a bad record themselves, and
        // should one still throw, the handler skips it (Streams 4.3 sends no dead letters from a global store,
        // and logs that it does not) instead of stopping the global thread, which stops the whole instance.
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        return p;
    }

    public static Properties load(Path file, Map<String, String> env, Properties flags) throws IOException {
        Properties p = defaults();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file)) {
                Properties fromFile = new Properties();
                fromFile.load(r);
                p.putAll(fromFile);
            }
        }
        p.putAll(fromEnvironment(env));
        p.putAll(flags);
        return p;
    }

    static Properties fromEnvironment(Map<String, String> env) {
        Properties p = new Properties();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (name.startsWith(ENV_KAFKA_PREFIX)) {
                p.put(key(name.substring(ENV_KAFKA_PREFIX.length())), e.getValue());
            } else if (name.startsWith(ENV_PREFIX) && !name.equals("ALERTSTREAM_HOME") && !name.equals("ALERTSTREAM_OPTS")) {
                p.put("alertstream." + key(name.substring(ENV_PREFIX.length())), e.getValue());
            }
        }
        return p;
    }

    private static String key(String env) {
        return env.toLowerCase(Locale.ROOT).replace("___", "\u0001").replace("__", "\u0002").replace('_', '.')
                .replace('\u0001', '-').replace('\u0002', '_');
    }

    /** The properties as text for a log line, secrets masked: passwords, JAAS configs, keys and tokens. */
    public static String describe(Properties p) {
        Map<String, String> shown = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> shown.put(k, isSecret(k) ? "[hidden]" : p.getProperty(k)));
        return shown.toString();
    }

    /**
     * Whether a property's value must never be shown. A key is secret when Kafka itself types it as a
     * password in any client or Streams {@code ConfigDef} (also under the Streams client prefixes, such as
     * {@code producer.ssl.key.password}), or when its name says so: {@code *.password}, {@code *.passphrase},
     * {@code *.jaas.config}, {@code *.user.info}, {@code *.key}, secrets, tokens and credentials. Unknown
     * keys are judged by name, so a plug-in's {@code basic.auth.user.info} is hidden too.
     */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (KAFKA_PASSWORD_KEYS.contains(withoutClientPrefix(k))) {
            return true;
        }
        return k.contains("password") || k.contains("passphrase") || k.contains("jaas") || k.contains("secret")
                || k.contains("token") || k.contains("credential") || k.contains("user.info") || k.contains("userinfo")
                || k.endsWith(".key") || k.endsWith("apikey") || k.contains("api.key") || k.contains("private.key");
    }

    private static String withoutClientPrefix(String key) {
        for (String prefix : CLIENT_PREFIXES) {
            if (key.startsWith(prefix)) {
                return key.substring(prefix.length());
            }
        }
        return key;
    }

    private static final List<String> CLIENT_PREFIXES = List.of(StreamsConfig.MAIN_CONSUMER_PREFIX,
            StreamsConfig.RESTORE_CONSUMER_PREFIX, StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
            StreamsConfig.PRODUCER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.TOPIC_PREFIX);

    /** Every key Kafka types as {@link ConfigDef.Type#PASSWORD} in the configs alertstream passes on. */
    private static final Set<String> KAFKA_PASSWORD_KEYS = passwordKeys(StreamsConfig.configDef(),
            ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef());

    private static Set<String> passwordKeys(ConfigDef... defs) {
        Set<String> keys = new HashSet<>();
        for (ConfigDef def : defs) {
            def.configKeys().values().stream().filter(c -> c.type == ConfigDef.Type.PASSWORD).forEach(c -> keys.add(c.name));
        }
        return Set.copyOf(keys);
    }
}
