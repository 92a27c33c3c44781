package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which event times the parser accepts: [0, now + max.future], nothing that overflows on the way. */
class EventTimeTest {
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final Duration FUTURE = Duration.ofMinutes(1);

    private static Object resolve(Object field) {
        return EventTime.resolve(field, "timestamp", NOW, NOW, FUTURE);
    }

    private static String reason(Object field) {
        Object r = resolve(field);
        return r instanceof EventTime.Rejection rejection ? rejection.reason() : "accepted " + r;
    }

    @Test
    void shouldAcceptIsoTimesEpochMillisAndTheRecordTimestampWithinRange() {
        assertThat(resolve("2026-01-01T00:00:30Z")).isEqualTo(NOW + 30_000);
        assertThat(resolve("2026-01-01T01:00:00+01:00")).isEqualTo(NOW);
        assertThat(resolve(NOW - 5)).isEqualTo(NOW - 5);
        assertThat(resolve(0L)).isEqualTo(0L);
        assertThat(resolve((double) NOW + 0.7)).isEqualTo(NOW);
        assertThat(resolve(null)).isEqualTo(NOW);
    }

    @Test
    void shouldRefuseTimesBefore1970WhateverTheirForm() {
        assertThat(reason(-1L)).isEqualTo(DeadLetterReasons.NEGATIVE_TIMESTAMP);
        assertThat(reason(Long.MIN_VALUE)).isEqualTo(DeadLetterReasons.NEGATIVE_TIMESTAMP);
        assertThat(reason(-1e19)).isEqualTo(DeadLetterReasons.NEGATIVE_TIMESTAMP);
        assertThat(reason("1969-12-31T23:59:59Z")).isEqualTo(DeadLetterReasons.NEGATIVE_TIMESTAMP);
        assertThat(reason("-1000000000-01-01T00:00:00Z")).isEqualTo(DeadLetterReasons.NEGATIVE_TIMESTAMP);
        assertThat(EventTime.resolve(null, "timestamp", -1, NOW, FUTURE)).isInstanceOf(EventTime.Rejection.class);
    }

    @Test
    void shouldRefuseTimesTooFarAheadOrBeyondEpochMillisWithoutOverflowing() {
        assertThat(reason("2099-01-01T00:00:00Z")).isEqualTo(DeadLetterReasons.FUTURE_TIMESTAMP);
        assertThat(reason("+1000000000-01-01T00:00:00Z")).isEqualTo(DeadLetterReasons.FUTURE_TIMESTAMP);
        assertThat(reason(Long.MAX_VALUE)).isEqualTo(DeadLetterReasons.FUTURE_TIMESTAMP);
        assertThat(reason(1e19)).isEqualTo(DeadLetterReasons.FUTURE_TIMESTAMP);
        assertThat(reason(NOW + FUTURE.toMillis() + 1)).isEqualTo(DeadLetterReasons.FUTURE_TIMESTAMP);
        assertThat(reason(NOW + FUTURE.toMillis())).startsWith("accepted");
    }

    @Test
    void shouldRefuseNonFiniteNumbersAndOtherTypes() {
        assertThat(reason(Double.POSITIVE_INFINITY)).isEqualTo(DeadLetterReasons.NON_FINITE_NUMBER);
        assertThat(reason(Double.NaN)).isEqualTo(DeadLetterReasons.NON_FINITE_NUMBER);
        assertThat(reason(BigInteger.TEN.pow(400))).isEqualTo(DeadLetterReasons.NON_FINITE_NUMBER);
        assertThat(reason(true)).isEqualTo(DeadLetterReasons.WRONG_TYPE);
        assertThat(reason("yesterday")).isEqualTo(DeadLetterReasons.BAD_TIMESTAMP);
    }

    @Test
    void shouldQuoteOnlyTheStartOfAHugeBadTimeString() {
        EventTime.Rejection r = (EventTime.Rejection) resolve("9".repeat(600_000));
        assertThat(r.reason()).isEqualTo(DeadLetterReasons.BAD_TIMESTAMP);
        assertThat(r.message()).hasSizeLessThan(400).contains("(600000 characters)");
    }
}
