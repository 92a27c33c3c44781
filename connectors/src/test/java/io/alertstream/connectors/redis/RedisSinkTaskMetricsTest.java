package io.alertstream.connectors.redis;

import static io.alertstream.connectors.common.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.alertstream.testkit.FreePorts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.errors.RetriableException;
import org.junit.jupiter.api.Test;

/** Counter updates Redis stored or refused, and writes retried during an outage, are counted per connector and task. */
class RedisSinkTaskMetricsTest {
    private static Map<String, Object> counter(String ruleId) {
        Map<String, Object> value = new HashMap<>();
        value.put("ruleId", ruleId);
        value.put("groupKey", "service=web");
        value.put("group", Map.of("service", "web"));
        value.put("windowStart", "2026-11-21T10:00:00Z");
        value.put("windowEnd", "2026-11-21T10:01:00Z");
        value.put("value", 12.50);
        value.put("count", 4);
        return value;
    }

    @Test
    void storedAndRefusedCounterUpdatesShouldBeCounted() {
        String connector = "redis-metrics-" + UUID.randomUUID();
        CounterWriter writer = new CounterWriter() {
            @Override
            public List<CounterRejection> write(List<CounterUpdate> updates) {
                return updates.stream().filter(u -> u.key().contains("taken"))
                        .map(u -> new CounterRejection(u, "WRONGTYPE Operation against a key holding the wrong kind of value")).toList();
            }

            @Override
            public void close() {
            }
        };
        RedisSinkTask task = new RedisSinkTask(config -> writer);
        task.initialize(new RecordingSinkTaskContext(true));
        task.start(Map.of("name", connector, ConnectorMetrics.TASK_INDEX_CONFIG, "4", "errors.tolerance", "all"));

        task.put(List.of(record("counters", 0, 0, counter("a")), record("counters", 0, 1, counter("b")),
                record("counters", 0, 2, counter("taken"))));

        var registry = ConnectorMetrics.registry();
        assertThat(registry.get(ConnectorMetrics.REDIS_COUNTERS).tags("connector", connector, "task", "4", "outcome", "written")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get(ConnectorMetrics.REDIS_COUNTERS).tags("connector", connector, "task", "4", "outcome", "rejected")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void writesRetriedWhileRedisIsDownShouldBeCounted() {
        String connector = "redis-retries-" + UUID.randomUUID();
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(Map.of("name", connector,
                "redis.port", String.valueOf(FreePorts.find()), "max.retries", "2",
                "retry.backoff.ms", "1", "retry.backoff.max.ms", "1"));
        CounterUpdate update = CounterRecordParser.from(config).parse(record("counters", 0, 0, counter("a"))).orElseThrow();
        try (JedisCounterWriter writer = new JedisCounterWriter(config)) {
            assertThatThrownBy(() -> writer.write(List.of(update)))
                    .isInstanceOf(RetriableException.class);
        }
        assertThat(ConnectorMetrics.registry().get(ConnectorMetrics.REDIS_RETRIES).tags("connector", connector, "task", "0")
                .counter().count()).isEqualTo(2);
    }
}
