package io.alertstream.connectors.redis;

import static io.alertstream.connectors.common.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.MalformedRecordException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Counter records to Redis updates: key layout, expiry, number text, malformed records. */
class CounterRecordParserTest {
    private final CounterRecordParser derivedTtl =
            new CounterRecordParser(new CounterKeyLayout("alertstream:counter:"), -1, 10);

    private static Map<String, Object> counter() {
        Map<String, Object> value = new HashMap<>();
        value.put("ruleId", "high-latency");
        value.put("groupKey", "service=web");
        value.put("group", Map.of("service", "web"));
        value.put("windowStart", "2026-11-21T10:00:00Z");
        value.put("windowEnd", "2026-11-21T10:01:00Z");
        value.put("value", 12.50);
        value.put("count", 4);
        return value;
    }

    @Test
    void shouldKeyOneHashPerRuleAndGroupWithTheWindowStartAsField() {
        CounterUpdate update = derivedTtl.parse(record("counters", 0, 1, counter())).orElseThrow();
        assertThat(update.key()).isEqualTo("alertstream:counter:high-latency:service=web");
        assertThat(update.windowStartMs()).isEqualTo(java.time.Instant.parse("2026-11-21T10:00:00Z").toEpochMilli());
        assertThat(CounterKeyLayout.windowField(update.windowStartMs())).isEqualTo("1795255200000");
        assertThat(update.value()).isEqualTo("12.5");
        assertThat(update.count()).isEqualTo("4");
    }

    @Test
    void ttlShouldDefaultToWindowSizeTimesTheFactor() {
        assertThat(derivedTtl.parse(record("counters", 0, 1, counter())).orElseThrow().ttlMs()).isEqualTo(600_000);
        CounterRecordParser fixed = new CounterRecordParser(new CounterKeyLayout("p:"), 5_000, 10);
        assertThat(fixed.parse(record("counters", 0, 1, counter())).orElseThrow().ttlMs()).isEqualTo(5_000);
    }

    @Test
    void shouldAcceptEpochMillisWindows() {
        Map<String, Object> value = counter();
        value.put("windowStart", 60_000L);
        value.put("windowEnd", 120_000L);
        CounterUpdate update = derivedTtl.parse(record("counters", 0, 1, value)).orElseThrow();
        assertThat(update.windowStartMs()).isEqualTo(60_000L);
        assertThat(update.ttlMs()).isEqualTo(600_000L);
    }

    @Test
    void equalNumbersShouldBeStoredAsTheSameText() {
        Map<String, Object> value = counter();
        value.put("value", 3.0);
        assertThat(derivedTtl.parse(record("counters", 0, 1, value)).orElseThrow().value()).isEqualTo("3");
        value.put("value", 3);
        assertThat(derivedTtl.parse(record("counters", 0, 1, value)).orElseThrow().value()).isEqualTo("3");
    }

    @Test
    void missingOrMistypedFieldsShouldBeMalformedNamingFieldAndRecord() {
        Map<String, Object> noRule = counter();
        noRule.remove("ruleId");
        assertThatThrownBy(() -> derivedTtl.parse(record("counters", 1, 17, noRule)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("'ruleId'")
                .hasMessageContaining("topic 'counters' partition 1 offset 17")
                .hasMessageContaining("behavior.on.malformed.records");
        Map<String, Object> textValue = counter();
        textValue.put("value", "lots");
        assertThatThrownBy(() -> derivedTtl.parse(record("counters", 0, 1, textValue)))
                .hasMessageContaining("'value' must be a number");
        Map<String, Object> reversed = counter();
        reversed.put("windowEnd", "2026-11-21T09:00:00Z");
        assertThatThrownBy(() -> derivedTtl.parse(record("counters", 0, 1, reversed)))
                .hasMessageContaining("windowEnd must be after windowStart");
    }
}
