package io.alertstream.connectors.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Event-time parsing: ISO-8601 with offsets, epoch millis, and what is no time. */
class EventTimesTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void shouldReadIsoTimesWithOffsetAsTheSameInstant() {
        assertThat(EventTimes.parse(JSON.textNode("2026-11-21T23:30:00-02:00")))
                .contains(Instant.parse("2026-11-22T01:30:00Z"));
        assertThat(EventTimes.parse(JSON.textNode("2026-11-21T10:15:30.123Z")))
                .contains(Instant.parse("2026-11-21T10:15:30.123Z"));
    }

    @Test
    void shouldReadEpochMillisAsNumberOrDigits() {
        assertThat(EventTimes.parse(JSON.numberNode(1_763_700_000_000L))).contains(Instant.ofEpochMilli(1_763_700_000_000L));
        assertThat(EventTimes.parse(JSON.textNode("1763700000000"))).contains(Instant.ofEpochMilli(1_763_700_000_000L));
    }

    @Test
    void shouldGiveNothingForTextThatIsNoTime() {
        assertThat(EventTimes.parse(JSON.textNode("yesterday"))).isEmpty();
        assertThat(EventTimes.parse(JSON.booleanNode(true))).isEmpty();
        assertThat(EventTimes.parse(JSON.nullNode())).isEmpty();
    }
}
