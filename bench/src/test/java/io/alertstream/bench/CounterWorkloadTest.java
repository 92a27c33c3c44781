package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.model.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CounterWorkloadTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @Test
    void shouldWriteTheTopologysCounterRecordKeyedByItsAlertKey() throws Exception {
        CounterWorkload workload = new CounterWorkload(3, START + 1234);

        byte[] value = workload.value(4);
        Counter parsed = new JsonSerde<>(Counter.class).deserializer().deserialize("counters", value);
        JsonNode json = JSON.readTree(value);

        assertThat(parsed).isEqualTo(workload.counter(4));
        assertThat(new String(workload.key(4), StandardCharsets.UTF_8)).isEqualTo("bench-1|key=\"k-1\"");
        assertThat(json.path("ruleId").asText()).isEqualTo("bench-1");
        assertThat(json.path("groupKey").asText()).isEqualTo("key=\"k-1\"");
        assertThat(json.path("group").path("key").asText()).isEqualTo("k-1");
        assertThat(json.path("windowStart").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(json.path("windowEnd").asText()).isEqualTo("2026-11-22T10:01:00Z");
        assertThat(json.path("value").asDouble()).isEqualTo(3.0);
        assertThat(json.path("count").asLong()).isEqualTo(2);
    }

    @Test
    void shouldUpdateEachGroupsWindowFiveTimesBeforeMovingToTheNextWindow() {
        CounterWorkload workload = new CounterWorkload(3, START);

        for (int u = 0; u < CounterWorkload.UPDATES_PER_WINDOW; u++) {
            Counter c = workload.counter(3L * u);
            assertThat(c.windowStart()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(c.count()).isEqualTo(u + 1);
        }
        Counter next = workload.counter(3L * CounterWorkload.UPDATES_PER_WINDOW);
        assertThat(next.windowStart()).isEqualTo("2026-11-22T10:01:00Z");
        assertThat(next.count()).isEqualTo(1);
        assertThat(next.groupKey()).isEqualTo("key=\"k-0\"");
    }

    @Test
    void shouldDeriveTheRedisWriteTheSinkMakesWithItsDefaults() {
        CounterWorkload workload = new CounterWorkload(3, START);

        CounterWorkload.Write second = workload.write(3);

        assertThat(second.hashKey()).isEqualTo("alertstream:counter:bench-0:key=\"k-0\"");
        assertThat(second.windowStartMs()).isEqualTo(START);
        assertThat(second.windowEndMs()).isEqualTo(START + 60_000);
        assertThat(second.value()).isEqualTo("3");
        assertThat(second.count()).isEqualTo("2");
        assertThat(second.ttlMs()).isEqualTo(600_000);
        assertThat(workload.write(0).value()).isEqualTo("1.5");
    }

    @Test
    void shouldWriteNumbersAsPlainDecimalsLikeTheSink() {
        assertThat(CounterWorkload.plain(3.0)).isEqualTo("3");
        assertThat(CounterWorkload.plain(4.5)).isEqualTo("4.5");
        assertThat(CounterWorkload.plain(1e3)).isEqualTo("1000");
        assertThat(CounterWorkload.plain(-0.0)).isEqualTo("0");
    }
}
