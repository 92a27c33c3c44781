package io.alertstream.topology.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One upstream task's watermark over its partitions, with idleness; never ahead of the wall clock. */
class SourceClockTest {
    private static final long IDLE = 30_000;
    private static final long T0 = 1_000_000;

    @Test
    void shouldHoldBackUntilIdleTimeoutWhenNoDataYetThenReadIdleWithNoTime() {
        SourceClock clock = new SourceClock(IDLE, T0);
        assertThat(clock.read(T0 + 1_000)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, false));
        assertThat(clock.read(T0 + IDLE)).as("idle with no time: it must not hold back those that do have data")
                .isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, true));
    }

    @Test
    void shouldReportTheMinimumOfActivePartitions() {
        SourceClock clock = new SourceClock(IDLE, T0);
        clock.observe("events-0", T0 - 100_000, T0 + 1_000);
        clock.observe("events2-0", T0 - 160_000, T0 + 1_000);
        clock.observe("events-0", T0 - 110_000, T0 + 2_000); // out of order inside a partition: max stays
        assertThat(clock.read(T0 + 3_000)).isEqualTo(new SourceClock.Reading(T0 - 160_000, false));
    }

    @Test
    void shouldDropAnIdlePartitionAndAdvanceWithTheWallClockWhenAllAreIdle() {
        SourceClock clock = new SourceClock(IDLE, T0);
        clock.observe("a", T0 - 5_000, T0);
        clock.observe("b", T0 + 15_000, T0 + 20_000);
        assertThat(clock.read(T0 + 35_000)).as("a idle, b active").isEqualTo(new SourceClock.Reading(T0 + 15_000, false));
        assertThat(clock.read(T0 + 60_000)).as("both idle: event time moves on with the wall clock from the newest data")
                .isEqualTo(new SourceClock.Reading(Math.min(T0 - 5_000 + 60_000, T0 + 15_000 + 40_000), true));
        clock.observe("b", T0 + 55_000, T0 + 61_000);
        assertThat(clock.read(T0 + 62_000)).isEqualTo(new SourceClock.Reading(T0 + 55_000, false));
    }

    @Test
    void shouldCountAnEventStampedAheadOfTheWallClockAsStampedNow() {
        SourceClock clock = new SourceClock(IDLE, T0);
        clock.observe("a", T0 + 30_000, T0); // a producer whose clock runs 30 s fast
        assertThat(clock.read(T0 + 1_000)).isEqualTo(new SourceClock.Reading(T0, false));
        assertThat(clock.read(T0 + IDLE + 5_000)).as("idle extrapolation never runs ahead of the wall clock")
                .isEqualTo(new SourceClock.Reading(T0 + IDLE + 5_000, true));
    }

    @Test
    void shouldNeverCallAPartitionWithUnreadRecordsIdle() {
        SourceClock clock = new SourceClock(IDLE, T0, List.of("events-0"));
        clock.observe("events-0", T0 - 50_000, T0);
        assertThat(clock.read(T0 + 120_000, p -> p.equals("events-0")))
                .as("silent for 2 minutes but a backlog waits: a starved or paused task, not an idle one")
                .isEqualTo(new SourceClock.Reading(T0 - 50_000, false));
        assertThat(clock.read(T0 + 120_000, p -> false)).isEqualTo(new SourceClock.Reading(T0 - 50_000 + 120_000, true));
    }

    @Test
    void shouldWaitForABackloggedPartitionBeforeAnyData() {
        SourceClock clock = new SourceClock(IDLE, T0, List.of("events-3"));
        assertThat(clock.read(T0 + IDLE * 10, p -> true)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, false));
        assertThat(clock.read(T0 + IDLE * 10, p -> false)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, true));
    }
}
