package io.alertstream.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real writer against {@link FakeRedisServer}: every reply that describes the server's state becomes a
 * {@link RetriableException} after the configured retries (never a rejected record), while a reply that
 * blames the record stays a rejection. Real-server cases (OOM, READONLY, BUSY) are in RedisOutageRepliesIT.
 */
class JedisCounterWriterRepliesTest {
    private FakeRedisServer redis;
    private JedisCounterWriter writer;

    @BeforeEach
    void start() throws Exception {
        redis = new FakeRedisServer();
        writer = new JedisCounterWriter(new RedisSinkConnectorConfig(Map.of("redis.port", Integer.toString(redis.port()),
                "max.retries", "2", "retry.backoff.ms", "1", "retry.backoff.max.ms", "1")));
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        redis.close();
    }

    private static List<CounterUpdate> counters() {
        SinkRecord record = new SinkRecord("counters", 3, null, null, null, null, 42, 0L, TimestampType.CREATE_TIME);
        return List.of(new CounterUpdate("alertstream:counter:r:g", 0, 60_000, "5", null, 600_000, record));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "-OOM command not allowed when used memory > 'maxmemory'.",
        "-READONLY You can't write against a read only replica.",
        "-BUSY Redis is busy running a script.",
        "-MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
        "-CLUSTERDOWN The cluster is down",
        "-LOADING Redis is loading the dataset in memory",
        "-TRYAGAIN Multiple keys request during rehashing of slot",
        "-MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
        "-NOREPLICAS Not enough good replicas to write.",
        "-ERR Error running script (call to f_0123): @user_script:9: @user_script: 9: -OOM command not allowed"})
    void serverStateRepliesShouldBeRetriedThenRetriableNeverRejected(String reply) {
        redis.evalReply = reply;
        assertThatThrownBy(() -> writer.write(counters())).isInstanceOf(RetriableException.class)
                .hasMessageContaining(reply.substring(1, 8)).hasMessageContaining("partition 3 offset 42")
                .hasMessageContaining("max.retries");
        assertThat(redis.evalCalls).as("first attempt plus max.retries").isEqualTo(3);

        redis.evalReply = ":1";
        assertThat(writer.write(counters())).as("stored once the server recovers").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-WRONGTYPE Operation against a key holding the wrong kind of value",
        "-ERR Error running script (call to f_0123): @user_script:9: -WRONGTYPE Operation against a key"})
    void recordRepliesShouldBeRejections(String reply) {
        redis.evalReply = reply;
        assertThat(writer.write(counters())).singleElement()
                .satisfies(rejection -> assertThat(rejection.reason()).contains("WRONGTYPE"));
        assertThat(redis.evalCalls).isEqualTo(1);
    }
}
