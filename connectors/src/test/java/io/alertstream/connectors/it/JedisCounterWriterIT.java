package io.alertstream.connectors.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.redis.CounterUpdate;
import io.alertstream.connectors.redis.CounterWriter.CounterRejection;
import io.alertstream.connectors.redis.JedisCounterWriter;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.testkit.EmbeddedRedis;
import io.alertstream.testkit.Waits;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The counter writer and its Lua script against a real Redis: ordering, retention, expiry, refusals. */
class JedisCounterWriterIT {
    private static final long MINUTE = 60_000;
    private static final String KEY = "alertstream:counter:r:g";
    private static EmbeddedRedis redis;
    private static Jedis jedis;
    private JedisCounterWriter writer;

    @BeforeAll
    static void startRedis() {
        redis = EmbeddedRedis.start();
        jedis = new Jedis(redis.host(), redis.port());
    }

    @AfterAll
    static void stopRedis() {
        Waits.closeAll(jedis, redis);
    }

    @BeforeEach
    void newWriter() {
        jedis.flushAll();
        writer = new JedisCounterWriter(new RedisSinkConnectorConfig(Map.of("redis.uri", redis.uri(),
                "max.retries", "1", "retry.backoff.ms", "10", "retry.backoff.max.ms", "10")));
    }

    @AfterEach
    void closeWriter() {
        writer.close();
    }

    private static CounterUpdate update(String key, long windowStart, String value, String count, long ttl) {
        SinkRecord record = new SinkRecord("counters", 0, null, null, null, null, windowStart, 0L,
                TimestampType.CREATE_TIME);
        return new CounterUpdate(key, windowStart, windowStart + MINUTE, value, count, ttl, record);
    }

    @Test
    void anOlderWindowShouldNeverMoveLatestBack() {
        writer.write(List.of(update(KEY, 2 * MINUTE, "20", "2", 10 * MINUTE), update(KEY, MINUTE, "10", "1", 10 * MINUTE)));
        Map<String, String> hash = jedis.hgetAll(KEY);
        assertThat(hash).containsEntry("60000", "10").containsEntry("120000", "20")
                .containsEntry("latest", "20").containsEntry("latest.windowStart", "120000")
                .containsEntry("latest.windowEnd", "180000").containsEntry("latest.count", "2");
    }

    @Test
    void windowsOlderThanTheTtlBehindTheNewestShouldBePrunedOrIgnored() {
        long ttl = 3 * MINUTE;
        writer.write(List.of(update(KEY, 0, "1", null, ttl), update(KEY, MINUTE, "2", null, ttl)));
        writer.write(List.of(update(KEY, 10 * MINUTE, "3", null, ttl)));
        assertThat(jedis.hgetAll(KEY)).doesNotContainKeys("0", "60000").containsEntry("600000", "3");
        writer.write(List.of(update(KEY, MINUTE, "2", null, ttl)));
        assertThat(jedis.hgetAll(KEY)).doesNotContainKey("60000").doesNotContainKey("latest.count");
        assertThat(jedis.pttl(KEY)).isBetween(1L, ttl);
    }

    @Test
    void aZeroTtlShouldKeepEverythingWithoutExpiry() {
        writer.write(List.of(update(KEY, 0, "1", "1", 0), update(KEY, 100 * MINUTE, "2", "1", 0)));
        assertThat(jedis.hgetAll(KEY)).containsKeys("0", "6000000");
        assertThat(jedis.pttl(KEY)).isEqualTo(-1);
    }

    @Test
    void aKeyOfAnotherTypeShouldBeRefusedWithoutBlockingTheBatch() {
        jedis.set("alertstream:counter:r:taken", "a string");
        List<CounterRejection> rejections = writer.write(List.of(update("alertstream:counter:r:taken", 0, "1", null, MINUTE),
                update(KEY, 0, "5", null, MINUTE)));
        assertThat(rejections).singleElement().satisfies(r -> assertThat(r.reason()).contains("WRONGTYPE"));
        assertThat(jedis.hget(KEY, "latest")).isEqualTo("5");
    }

    @Test
    void aFlushedScriptCacheShouldBeReloaded() {
        writer.write(List.of(update(KEY, 0, "1", null, MINUTE)));
        jedis.scriptFlush();
        writer.write(List.of(update(KEY, 0, "2", null, MINUTE)));
        assertThat(jedis.hget(KEY, "0")).isEqualTo("2");
    }

    @Test
    void anUnreachableServerShouldBeRetriableAndBadCredentialsFatal() {
        JedisCounterWriter unreachable = new JedisCounterWriter(new RedisSinkConnectorConfig(Map.of(
                "redis.port", "1", "max.retries", "1", "retry.backoff.ms", "10", "retry.backoff.max.ms", "10")));
        assertThatThrownBy(() -> unreachable.write(List.of(update(KEY, 0, "1", null, MINUTE))))
                .isInstanceOf(RetriableException.class).hasMessageContaining("offset 0").hasMessageContaining("redis.uri");
        JedisCounterWriter wrongPassword = new JedisCounterWriter(new RedisSinkConnectorConfig(Map.of(
                "redis.uri", redis.uri(), "redis.user", "nobody", "redis.password", "not-the-secret-42")));
        assertThatThrownBy(() -> wrongPassword.write(List.of(update(KEY, 0, "1", null, MINUTE))))
                .isInstanceOf(ConnectException.class).isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("redis.password").hasMessageNotContaining("not-the-secret-42");
        Waits.closeAll(unreachable, wrongPassword);
    }
}
