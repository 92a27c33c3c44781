package io.alertstream.topology.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One upstream task's watermark over its partitions, with idleness. */
class SourceClockTest {
    private static final long IDLE = 30_000;

    @Test
    void shouldHoldBackUntilIdleTimeoutWhenNoDataYet() {
        SourceClock clock = new SourceClock(IDLE, 0);
        assertThat(clock.read(1_000)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, false));
        assertThat(clock.read(IDLE)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, true));
    }

    @Test
    void shouldReportTheMinimumOfActivePartitions() {
        SourceClock clock = new SourceClock(IDLE, 0);
        clock.observe("events-0", 100_000, 1_000);
        clock.observe("events2-0", 40_000, 1_000);
        clock.observe("events-0", 90_000, 2_000); // out of order inside a partition: max stays
        assertThat(clock.read(3_000)).isEqualTo(new SourceClock.Reading(40_000, false));
    }

    @Test
    void shouldDropAnIdlePartitionAndAdvanceWithTheWallClockWhenAllAreIdle() {
        SourceClock clock = new SourceClock(IDLE, 0);
        clock.observe("a", 100_000, 0);
        clock.observe("b", 50_000, 20_000);
        assertThat(clock.read(35_000)).as("a idle, b active").isEqualTo(new SourceClock.Reading(50_000, false));
        assertThat(clock.read(60_000)).as("both idle: event time moves with the wall clock")
                .isEqualTo(new SourceClock.Reading(Math.min(100_000 + 60_000, 50_000 + 40_000), true));
        clock.observe("b", 55_000, 61_000);
        assertThat(clock.read(62_000)).isEqualTo(new SourceClock.Reading(55_000, false));
    }

    @Test
    void shouldNeverCallAPartitionWithUnreadRecordsIdle() {
        SourceClock clock = new SourceClock(IDLE, 0, java.util.List.of("events-0"));
        clock.observe("events-0", 10_000, 0);
        assertThat(clock.read(120_000, p -> p.equals("events-0")))
                .as("silent for 2 minutes but a backlog waits: a starved or paused task, not an idle one")
                .isEqualTo(new SourceClock.Reading(10_000, false));
        assertThat(clock.read(120_000, p -> false)).isEqualTo(new SourceClock.Reading(130_000, true));
    }

    @Test
    void shouldWaitForABackloggedPartitionBeforeAnyData() {
        SourceClock clock = new SourceClock(IDLE, 0, java.util.List.of("events-3"));
        assertThat(clock.read(IDLE * 10, p -> true)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, false));
        assertThat(clock.read(IDLE * 10, p -> false)).isEqualTo(new SourceClock.Reading(Long.MIN_VALUE, true));
    }
}
