package io.alertstream.connectors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.redis.RedisSinkConnector;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.EmbeddedRedis;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Redis counter sink in a real Connect worker, against a real broker and a real password-protected
 * Redis server. Each test uses its own topic, connector and rule id.
 */
class RedisSinkIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String PASSWORD = "it-secret";
    private static final long MINUTE = 60_000;
    private static final Instant W0 = Instant.parse("2026-11-21T10:00:00Z");
    private static EmbeddedKafka kafka;
    private static EmbeddedConnect connect;
    private static EmbeddedRedis redis;
    private static KafkaTestClients clients;

    @BeforeAll
    static void startServices() {
        redis = EmbeddedRedis.builder().password(PASSWORD).start();
        kafka = EmbeddedKafka.start();
        connect = EmbeddedConnect.start(kafka.bootstrapServers());
        clients = new KafkaTestClients(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopServices() {
        for (AutoCloseable service : new AutoCloseable[] {clients, connect, kafka, redis}) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                // Keep closing the others.
            }
        }
    }

    private static void startConnector(String name, Map<String, String> config) {
        config.put("connector.class", RedisSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("errors.tolerance", "all"); // the sinks refuse a config where one bad record stops the task
        config.put("retry.backoff.max.ms", "1000");
        connect.putConnector(name, config);
        connect.awaitConnectorRunning(name, 1, TIMEOUT);
    }

    private static void sendCounter(String topic, String rule, String group, Instant windowStart, double value, long count) {
        clients.send(topic, rule + "|" + group + "|" + windowStart.toEpochMilli(),
                TestData.counter(rule, group, windowStart, MINUTE, value, count));
    }

    private static Map<String, String> hash(String key) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.auth(PASSWORD);
            return jedis.hgetAll(key);
        }
    }

    private static long pttl(String key) {
        try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.auth(PASSWORD);
            return jedis.pttl(key);
        }
    }

    private static void awaitHash(String key, Map<String, String> expected) {
        Waits.until(() -> hash(key).equals(expected), TIMEOUT, () -> key + " = " + hash(key) + ", expected " + expected);
    }

    @Test
    void redisShouldHoldTheLatestValueOfEveryWindowAndTheNewestWindowAsLatest() {
        kafka.createTopic("counters-t1", 3, Map.of());
        Instant w1 = W0.plusMillis(MINUTE);
        Instant w2 = W0.plusMillis(2 * MINUTE);
        for (String group : new String[] {"web", "db"}) {
            for (int update = 1; update <= 3; update++) {
                sendCounter("counters-t1", "r1", group, W0, update * 10, update);
                sendCounter("counters-t1", "r1", group, w2, update * 30 + 0.5, update);
            }
        }
        clients.flush();
        // A late update of an older window, after the newest one: it must not move 'latest' back.
        sendCounter("counters-t1", "r1", "web", w1, 77, 7);
        clients.flush();

        Map<String, String> config = new HashMap<>();
        config.put("topics", "counters-t1");
        config.put("redis.uri", redis.uri());
        startConnector("redis-t1", config);

        Map<String, String> web = new LinkedHashMap<>();
        web.put(Long.toString(W0.toEpochMilli()), "30");
        web.put(Long.toString(w1.toEpochMilli()), "77");
        web.put(Long.toString(w2.toEpochMilli()), "90.5");
        web.put("latest", "90.5");
        web.put("latest.windowStart", Long.toString(w2.toEpochMilli()));
        web.put("latest.windowEnd", Long.toString(w2.toEpochMilli() + MINUTE));
        web.put("latest.count", "3");
        awaitHash("alertstream:counter:r1:web", web);
        Map<String, String> db = new HashMap<>(web);
        db.remove(Long.toString(w1.toEpochMilli()));
        awaitHash("alertstream:counter:r1:db", db);
        // Expiry defaults to window size (1 min) times the factor 10.
        assertThat(pttl("alertstream:counter:r1:web")).isBetween(1L, 10 * MINUTE);
    }

    @Test
    void redisOutageShouldLoseNothingAndCommitNothingUnstored() {
        kafka.createTopic("counters-t2", 2, Map.of());
        Map<String, String> config = new HashMap<>();
        config.put("topics", "counters-t2");
        config.put("redis.host", redis.host());
        config.put("redis.port", Integer.toString(redis.port()));
        config.put("redis.password", PASSWORD);
        config.put("max.retries", "2");
        startConnector("redis-t2", config);
        sendCounter("counters-t2", "r2", "before", W0, 1, 1);
        clients.flush();
        Waits.until(() -> "1".equals(hash("alertstream:counter:r2:before").get("latest")), TIMEOUT, () -> "first write");
        Waits.until(() -> clients.committedTotal("redis-t2") == 1, TIMEOUT, () -> "first commit");

        redis.stop();
        for (int i = 0; i < 40; i++) {
            sendCounter("counters-t2", "r2", "g" + i, W0, i, i);
        }
        clients.flush();
        // Nothing may be committed for records Redis never stored.
        Waits.holdsFor(Duration.ofSeconds(10), () -> assertThat(clients.committedTotal("redis-t2"))
                .as("offsets committed while Redis is down").isEqualTo(1));
        assertThat(connect.connectorStatus("redis-t2")).doesNotContain("FAILED");
        // The restarted server is empty (no persistence): everything produced during the outage must arrive.
        redis.restart();

        for (int i = 0; i < 40; i++) {
            String key = "alertstream:counter:r2:g" + i;
            String expected = Integer.toString(i);
            Waits.until(() -> expected.equals(hash(key).get(Long.toString(W0.toEpochMilli()))), TIMEOUT,
                    () -> key + " = " + hash(key));
        }
        Waits.until(() -> clients.committedTotal("redis-t2") == 41, TIMEOUT, () -> "commits after the outage");
    }
}
