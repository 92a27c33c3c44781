package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.deadletter.DeadLetterReasons;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The public check the API applies before producing: accepted, or the reason the engine would dead-letter with. */
class EventAdmissionTest {
    private static final long NOW = 1_800_000_000_000L;

    private static EventAdmission.Verdict check(String json) {
        Properties p = new Properties();
        p.put("alertstream.event.max.bytes", "100");
        return EventAdmission.check(json == null ? null : json.getBytes(StandardCharsets.UTF_8), AlertTopologyConfig.from(p), NOW, NOW);
    }

    @Test
    void shouldAcceptAnObjectWithAUsableTimeAndGiveItsFieldsAndTime() {
        EventAdmission.Verdict v = check("{\"timestamp\":\"2027-01-15T08:00:00Z\",\"x\":1}");
        assertThat(v.accepted()).isTrue();
        assertThat(v.eventTime()).isEqualTo(java.time.Instant.parse("2027-01-15T08:00:00Z").toEpochMilli());
        assertThat(v.fields()).containsEntry("x", 1L);
        assertThat(check("{\"x\":1}").eventTime()).as("absent time: the record timestamp").isEqualTo(NOW);
    }

    @Test
    void shouldGiveTheDeadLetterReasonOfEachRefusal() {
        assertThat(check(null).reason()).isEqualTo(DeadLetterReasons.EMPTY);
        assertThat(check("{\"p\":\"" + "x".repeat(200) + "\"}").reason()).isEqualTo(DeadLetterReasons.OVERSIZE);
        assertThat(check("{\"a\":").reason()).isEqualTo(DeadLetterReasons.MALFORMED_JSON);
        assertThat(check("[1]").reason()).isEqualTo(DeadLetterReasons.NOT_AN_OBJECT);
        assertThat(check("{\"timestamp\":\"soon\"}").reason()).isEqualTo(DeadLetterReasons.BAD_TIMESTAMP);
        assertThat(check("{\"timestamp\":true}").reason()).isEqualTo(DeadLetterReasons.WRONG_TYPE);
        assertThat(check("{\"timestamp\":" + (NOW + 3_600_000) + "}").reason()).isEqualTo(DeadLetterReasons.FUTURE_TIMESTAMP);
        assertThat(check("{\"timestamp\":-1}").reason()).isEqualTo(DeadLetterReasons.NEGATIVE_TIMESTAMP);
        assertThat(check("{\"v\":1e400}").reason()).isEqualTo(DeadLetterReasons.NON_FINITE_NUMBER);
        assertThat(check("[1]").message()).isNotBlank();
    }
}
