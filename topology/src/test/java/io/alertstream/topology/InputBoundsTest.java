package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.processors.DistinctLimit;
import io.alertstream.topology.rules.WindowSpec;
import io.alertstream.topology.testing.AlertHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounds that keep one event from making records or state too large to write (issue #14). */
class InputBoundsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private AlertHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(Map<String, String> settings) {
        Properties p = new Properties();
        p.putAll(settings);
        harness = new AlertHarness(AlertTopologyConfig.from(p), T0);
    }

    @Test
    void shouldDeadLetterAGroupValueAboveTheLimitForThatRuleAndLetTheOtherRulesCountTheEvent() {
        start(Map.of(InputLimits.MAX_GROUP_VALUE_BYTES, "100"));
        harness.publish(Rules.of("""
                rules:
                  - id: by-service
                    group_by: [service]
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 0}
                  - id: all
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 0}
                """));
        harness.send(T0.plusSeconds(1), Map.of("service", "s".repeat(101)));
        harness.send(T0.plusSeconds(2), Map.of("service", "s".repeat(98))); // 100 bytes with its quotes: accepted

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).extracting(r -> header(r, DeadLetters.ERROR_TYPE), r -> header(r, DeadLetters.RULE))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DeadLetterReasons.GROUP_VALUE_TOO_LARGE, "by-service"));
        assertThat(header(dead.get(0), DeadLetters.ERROR_MESSAGE)).contains("field 'service'", InputLimits.MAX_GROUP_VALUE_BYTES);
        assertThat(harness.alerts()).extracting(a -> a.ruleId()).containsExactlyInAnyOrder("all", "by-service");
    }

    @Test
    void shouldKeepAtMostTheBudgetOfDistinctValuesPerWindowAndCountWhatItDrops() {
        // 1600 bytes / 8 / 2 open windows (1 m tumbling, no grace) = 100 values per window.
        start(Map.of(InputLimits.MAX_DISTINCT_BYTES, "1600"));
        assertThat(new DistinctLimit(InputLimits.from(props(InputLimits.MAX_DISTINCT_BYTES, "1600")))
                .perWindow(new WindowSpec(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO))).isEqualTo(100);
        harness.publish(Rules.of("""
                rules:
                  - id: users
                    window: {size: 1m}
                    aggregate: {function: distinct_count, field: user}
                    triggers:
                      warning: {above: 1000}
                """));
        for (int i = 0; i < 150; i++) {
            harness.sendRaw(T0.plusMillis(100 + i * 10L), ("{\"timestamp\":\"" + T0.plusMillis(100 + i * 10L) + "\",\"user\":\"u" + i + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        harness.advance(Duration.ofMinutes(2));
        List<Counter> counters = harness.counters().stream().map(TestRecord::value).toList();
        assertThat(counters).isNotEmpty();
        assertThat(counters.get(counters.size() - 1).value()).as("the window's final distinct count, bounded").isEqualTo(100.0);
        double dropped = harness.driver().metrics().entrySet().stream()
                .filter(m -> m.getKey().name().equals("distinct-values-dropped-total"))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
        assertThat(dropped).as("values dropped, counted").isGreaterThanOrEqualTo(50.0);
    }

    @Test
    void shouldSizeTheDefaultDistinctBudgetWellBelowOneChangelogRecord() {
        InputLimits defaults = InputLimits.defaults();
        DistinctLimit limit = new DistinctLimit(defaults);
        for (WindowSpec w : List.of(new WindowSpec(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO),
                new WindowSpec(Duration.ofMinutes(10), Duration.ofSeconds(6), Duration.ofMinutes(1)))) {
            long open = w.windowsPerEvent() + (w.graceMs() + w.advanceMs() - 1) / w.advanceMs() + 1;
            assertThat((long) limit.perWindow(w) * Long.BYTES * open).as("%s", w).isLessThanOrEqualTo(defaults.maxDistinctBytes());
        }
        assertThat(defaults.maxDistinctBytes()).isLessThan(1024 * 1024 / 2);
        assertThat(defaults.maxDeadLetterBytes()).isLessThan(1024 * 1024);
    }

    @Test
    void shouldRefuseAMaxFutureTheBrokerWouldRefuseRecordsFor() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertTopologyConfig.from(props("alertstream.event.max.future", "2h")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alertstream.event.max.future");
        assertThat(AlertTopologyConfig.from(props("alertstream.event.max.future", "59m")).maxFuture()).isEqualTo(Duration.ofMinutes(59));
    }

    private static Properties props(String key, String value) {
        Properties p = new Properties();
        p.put(key, value);
        return p;
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
