package io.alertstream.connectors.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.redis.CounterUpdate;
import io.alertstream.connectors.redis.JedisCounterWriter;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.testkit.EmbeddedRedis;
import io.alertstream.testkit.FreePorts;
import io.alertstream.testkit.Waits;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Error replies of a real Redis that say "cannot write now" (OOM, READONLY, BUSY) must reach Connect as
 * {@link RetriableException} and never as a rejected (dead-lettered) record; the counters are stored once
 * the server recovers. The other outage codes are covered by {@code RedisRepliesTest}.
 */
class RedisOutageRepliesIT {
    private static final String KEY = "alertstream:counter:r:g";
    private EmbeddedRedis redis;
    private Jedis admin;
    private JedisCounterWriter writer;

    @BeforeEach
    void start() {
        redis = EmbeddedRedis.start();
        admin = new Jedis(redis.host(), redis.port());
        writer = new JedisCounterWriter(new RedisSinkConnectorConfig(Map.of("redis.uri", redis.uri(),
                "max.retries", "1", "retry.backoff.ms", "10", "retry.backoff.max.ms", "10",
                "redis.socket.timeout.ms", "2000")));
    }

    @AfterEach
    void stop() {
        Waits.closeAll(writer, admin, redis);
    }

    private static List<CounterUpdate> counters() {
        SinkRecord record = new SinkRecord("counters", 0, null, null, null, null, 7, 0L, TimestampType.CREATE_TIME);
        return List.of(new CounterUpdate(KEY, 0, 60_000, "5", null, 600_000, record));
    }

    @Test
    void outOfMemoryShouldBeRetriableAndStoredAfterRecovery() {
        admin.configSet("maxmemory-policy", "noeviction");
        admin.configSet("maxmemory", "1");
        assertThatThrownBy(() -> writer.write(counters())).isInstanceOf(RetriableException.class)
                .hasMessageContaining("OOM").hasMessageContaining("offset 7");
        admin.configSet("maxmemory", "0");
        assertThat(writer.write(counters())).isEmpty();
        assertThat(admin.hget(KEY, "latest")).isEqualTo("5");
    }

    @Test
    void aReadOnlyReplicaShouldBeRetriableAndStoredOncePromoted() {
        // A replica of a master that does not exist: what a sink sees right after a failover demoted its node.
        admin.replicaof("127.0.0.1", FreePorts.find());
        assertThatThrownBy(() -> writer.write(counters())).isInstanceOf(RetriableException.class)
                .hasMessageContaining("READONLY");
        admin.replicaofNoOne();
        assertThat(writer.write(counters())).isEmpty();
        assertThat(admin.hget(KEY, "latest")).isEqualTo("5");
    }

    @Test
    void aBusyScriptShouldBeRetriable() throws Exception {
        admin.configSet("lua-time-limit", "50");
        CompletableFuture<Object> busy;
        try (Jedis blocker = new Jedis(redis.host(), redis.port(), 30_000)) {
            busy = CompletableFuture.supplyAsync(() -> {
                try {
                    return blocker.eval("local i = 0 while true do i = i + 1 end");
                } catch (RuntimeException e) {
                    return e;
                }
            });
            // The script runs past lua-time-limit once a fresh connection's PING is answered with BUSY.
            Waits.until(RedisOutageRepliesIT.this::isBusy, java.time.Duration.ofSeconds(10), () -> "redis never reported BUSY");
            assertThatThrownBy(() -> writer.write(counters())).isInstanceOf(RetriableException.class)
                    .hasMessageContaining("BUSY");
            try (Jedis killer = new Jedis(redis.host(), redis.port())) {
                killer.scriptKill();
            }
            busy.get();
        }
        assertThat(writer.write(counters())).isEmpty();
    }

    private boolean isBusy() {
        try (Jedis probe = new Jedis(redis.host(), redis.port())) {
            probe.ping();
            return false;
        } catch (RuntimeException e) {
            return String.valueOf(e.getMessage()).startsWith("BUSY");
        }
    }
}
