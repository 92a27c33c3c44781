package io.alertstream.bench;

import io.alertstream.connectors.redis.JedisCounterWriter;
import io.alertstream.connectors.redis.RedisSinkConnector;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.EmbeddedRedis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Redis counter writes/s through the sink connector against raw Jedis, same updates, same server. The
 * topic is pre-loaded with {@link CounterWorkload} records (keyed by alert key, 4 partitions, so each
 * group's updates stay in order); each repetition empties the database, then:
 * <ul>
 *   <li>raw HSET: one {@code HSET key <windowStart> <value>} per update, pipelined in batches of the
 *       connector's default {@code redis.batch.size}: the least Redis can do per counter (no {@code latest}
 *       entry, no expiry, no pruning);</li>
 *   <li>raw EVALSHA: the connector's own script ({@code put-counter.lua}, read from the connector jar) with
 *       the connector's arguments, pipelined the same way: what the sink asks of Redis, without Kafka and
 *       Connect;</li>
 *   <li>connector: the real sink with its default config and {@code tasks.max=1}, timed by
 *       {@link ConnectorDrain}.</li>
 * </ul>
 * After the connector run, every hash must hold exactly what the raw EVALSHA run left (values, windows,
 * {@code latest}); otherwise the two did not do the same writes and the run fails.
 */
final class RedisSinkRun implements AutoCloseable {
    private static final int BATCH = RedisSinkConnectorConfig.BATCH_SIZE_DEFAULT;
    private static final String SCRIPT = script();

    private final EmbeddedRedis redis;
    private final String topic;
    private final List<CounterWorkload.Write> writes;
    private final Jedis jedis;
    private Map<String, Map<String, String>> scriptState;

    private RedisSinkRun(EmbeddedRedis redis, String topic, List<CounterWorkload.Write> writes) {
        this.redis = redis;
        this.topic = topic;
        this.writes = writes;
        this.jedis = new Jedis(redis.host(), redis.port());
    }

    static RedisSinkRun prepare(EmbeddedKafka kafka, EmbeddedRedis redis, String topic, int count, CounterWorkload workload)
            throws Exception {
        kafka.createTopic(topic, 4, Map.of());
        Clients.preload(kafka.bootstrapServers(), topic, count, workload::key, workload::value, (i, m) -> { });
        List<CounterWorkload.Write> writes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            writes.add(workload.write(i));
        }
        return new RedisSinkRun(redis, topic, writes);
    }

    int size() {
        return writes.size();
    }

    /** Pipelined HSET of each update's window field; returns writes/s. */
    double rawHset() {
        jedis.flushDB();
        long start = System.nanoTime();
        for (int from = 0; from < writes.size(); from += BATCH) {
            Pipeline pipeline = jedis.pipelined();
            for (CounterWorkload.Write w : writes.subList(from, Math.min(from + BATCH, writes.size()))) {
                pipeline.hset(w.hashKey(), Long.toString(w.windowStartMs()), w.value());
            }
            checkReplies(pipeline.syncAndReturnAll(), "HSET");
        }
        return writes.size() / ((System.nanoTime() - start) / 1e9);
    }

    /** Pipelined EVALSHA of the connector's script; returns writes/s and keeps the resulting hashes. */
    double rawScript() {
        jedis.flushDB();
        String sha = jedis.scriptLoad(SCRIPT);
        long start = System.nanoTime();
        for (int from = 0; from < writes.size(); from += BATCH) {
            Pipeline pipeline = jedis.pipelined();
            for (CounterWorkload.Write w : writes.subList(from, Math.min(from + BATCH, writes.size()))) {
                // Arguments in the order JedisCounterWriter passes them (see put-counter.lua).
                pipeline.evalsha(sha, List.of(w.hashKey()), List.of(Long.toString(w.windowStartMs()), w.value(),
                        Long.toString(w.windowEndMs()), w.count(), Long.toString(w.ttlMs())));
            }
            checkReplies(pipeline.syncAndReturnAll(), "EVALSHA");
        }
        double perSec = writes.size() / ((System.nanoTime() - start) / 1e9);
        scriptState = hashes();
        return perSec;
    }

    /** The sink connector over the whole topic; then its hashes must equal the raw script's. */
    DrainTimeline connector(EmbeddedConnect connect, Admin admin, String name) throws Exception {
        jedis.flushDB();
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", RedisSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("errors.tolerance", "all"); // the sinks refuse a config where one bad record stops the task
        config.put("topics", topic);
        config.put("redis.uri", redis.uri());
        DrainTimeline timeline = ConnectorDrain.run(connect, admin, name, config, topic, Duration.ofMinutes(10));
        if (scriptState != null) {
            Map<String, Map<String, String>> state = hashes();
            if (!state.equals(scriptState)) {
                throw new IllegalStateException("after " + name + " Redis holds " + state.size() + " hashes that differ from the "
                        + scriptState.size() + " the raw EVALSHA run left: the two runs did not do the same writes");
            }
        }
        return timeline;
    }

    private Map<String, Map<String, String>> hashes() {
        Map<String, Map<String, String>> state = new TreeMap<>();
        for (String key : jedis.keys("*")) {
            state.put(key, new TreeMap<>(jedis.hgetAll(key)));
        }
        return state;
    }

    private static void checkReplies(List<Object> replies, String command) {
        for (Object reply : replies) {
            if (reply instanceof Exception e) {
                throw new IllegalStateException("raw " + command + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static String script() {
        // The connector's script as it ships in its jar (the writer's copy of it is package-private).
        try (InputStream in = JedisCounterWriter.class.getResourceAsStream("put-counter.lua")) {
            if (in == null) {
                throw new IllegalStateException("put-counter.lua not found next to JedisCounterWriter");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        jedis.close();
    }
}
