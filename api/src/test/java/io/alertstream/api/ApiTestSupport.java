package io.alertstream.api;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.runtime.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings and checks the API's integration tests share: an instance's properties against an embedded broker (own
 * topics per test, or the engine's default topic names), and whether several instances share a store's partitions.
 */
public final class ApiTestSupport {
    static final String SECRET = "test-secret-that-is-long-enough-for-hs256-0123456789";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ApiTestSupport() {
    }

    /** @param name a prefix for topics and application id, unique per test class */
    static Properties props(EmbeddedKafka kafka, String name) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("alertstream.api.host", "127.0.0.1");
        p.put("alertstream.api.port", "0");
        p.put("alertstream.api.jwt.secret", SECRET);
        p.put("alertstream.api.bcrypt.cost", "4");
        // Unique per run: the state directory outlives the run, and a checkpoint of another broker's topics is refused.
        p.put("alertstream.api.application.id", unique(name + "-api"));
        p.put("alertstream.api.users.topic", name + "-users");
        p.put("alertstream.api.tokens.topic", name + "-tokens");
        p.put("alertstream.topic.events", name + "-events");
        p.put("alertstream.topic.alerts", name + "-alerts");
        p.put("alertstream.topic.rules", name + "-rules");
        p.put("commit.interval.ms", "100");
        return p;
    }

    /**
     * An instance on the engine's default topic names (as {@code alertstream run} writes them), listening on a free
     * port of 127.0.0.1: commits every 100 ms and no store cache, so what a test sends is queryable at once.
     */
    public static Properties engineTopics(EmbeddedKafka kafka, String applicationId, Path stateDir) {
        Properties p = AppConfig.defaults();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        p.put(ApiConfig.HOST_CONFIG, "127.0.0.1");
        p.put(ApiConfig.PORT_CONFIG, "0");
        p.put(ApiConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(ApiConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(ApiConfig.JWT_SECRET_CONFIG, applicationId + "-signing-key-0123456789-0123456789");
        p.put(ApiConfig.BCRYPT_COST_CONFIG, "4");
        return p;
    }

    /** True when {@code app} runs and each of {@code instances} instances holds partitions of {@code store}. */
    public static boolean sharesPartitions(ApiApp app, String store, int instances) {
        return app.streams().state() == KafkaStreams.State.RUNNING && app.streams().streamsMetadataForStore(store).size() == instances
                && app.streams().streamsMetadataForStore(store).stream().allMatch(m -> !m.topicPartitions().isEmpty());
    }

    static Properties with(Properties base, Map<String, String> more) {
        Properties p = new Properties();
        p.putAll(base);
        p.putAll(more);
        return p;
    }

    static ApiApp start(Properties p) throws Exception {
        return ApiApp.start(p, Duration.ofSeconds(60));
    }

    static String unique(String prefix) {
        return prefix + SEQ.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
    }
}
