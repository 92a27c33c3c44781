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

    /**
     * Property: a clock restored from what was persisted at the last publication reads exactly as the clock
     * that never stopped, at every later time, whatever partitions were active, idle or backlogged. If
     * observations after the last publication are lost (a crash before the next one), it still has a time
     * for every partition it persisted (it never reports "no time" and so never holds the evaluating tasks
     * at a pre-restart reading) and never reads ahead of the wall clock. Random partitions, event times
     * (in order, late, ahead of the wall clock) and restart points.
     */
    @Test
    void shouldReadAfterARestartAsTheClockThatNeverStopped() {
        for (int seed = 1; seed <= 200; seed++) {
            java.util.Random random = new java.util.Random(seed);
            List<String> own = List.of("a-0", "b-0", "c-0").subList(0, 1 + random.nextInt(3));
            SourceClock running = new SourceClock(IDLE, T0, own);
            java.util.Map<String, SourceClock.PartitionTime> persisted = new java.util.HashMap<>();
            long now = T0;
            boolean lostSome = false;
            int restartAt = 5 + random.nextInt(40);
            for (int step = 0; step < restartAt; step++) {
                now += random.nextInt(3) == 0 ? random.nextInt((int) (2 * IDLE)) : random.nextInt(2_000);
                if (random.nextBoolean()) {
                    running.observe(own.get(random.nextInt(own.size())), now - 60_000 + random.nextInt(90_000), now);
                    lostSome = true;
                }
                if (random.nextInt(3) == 0) { // a publication persists what changed
                    persisted.putAll(running.changed());
                    lostSome = false;
                }
            }
            SourceClock restored = new SourceClock(IDLE, now, own);
            persisted.forEach(restored::restore);
            java.util.Set<String> backlogged = new java.util.HashSet<>();
            for (int step = 0; step < 20; step++) {
                now += random.nextInt((int) IDLE);
                if (random.nextInt(4) == 0) {
                    String p = own.get(random.nextInt(own.size()));
                    long time = now - 30_000 + random.nextInt(40_000);
                    running.observe(p, time, now);
                    restored.observe(p, time, now);
                }
                backlogged.clear();
                own.stream().filter(p -> random.nextInt(5) == 0).forEach(backlogged::add);
                SourceClock.Reading expected = running.read(now, backlogged::contains);
                SourceClock.Reading actual = restored.read(now, backlogged::contains);
                if (!lostSome) {
                    assertThat(actual).as("seed %d step %d", seed, step).isEqualTo(expected);
                } else {
                    assertThat(actual.time()).as("seed %d step %d: never ahead of the wall clock", seed, step).isLessThanOrEqualTo(now);
                    if (!persisted.isEmpty()) {
                        assertThat(actual.time()).as("seed %d step %d: a time for what it persisted", seed, step).isNotEqualTo(Long.MIN_VALUE);
                    }
                }
            }
        }
    }

    @Test
    void shouldGoOnReadingAPartitionQuietSinceBeforeTheRestartAsIdleAtAMovingTime() {
        SourceClock before = new SourceClock(IDLE, T0, List.of("events-1"));
        before.observe("events-1", T0 - 1_000, T0);
        java.util.Map<String, SourceClock.PartitionTime> persisted = before.changed();
        assertThat(before.changed()).as("nothing new since").isEmpty();

        SourceClock after = new SourceClock(IDLE, T0 + 5_000, List.of("events-1"));
        persisted.forEach(after::restore);
        assertThat(after.read(T0 + 10_000, p -> true)).as("a backlog waits: held at its newest time")
                .isEqualTo(new SourceClock.Reading(T0 - 1_000, false));
        assertThat(after.read(T0 + 10_000, p -> false)).as("silent for less than the idle timeout: still active")
                .isEqualTo(new SourceClock.Reading(T0 - 1_000, false));
        assertThat(after.read(T0 + 90_000, p -> false)).as("quiet since before the restart: idle, its time moving on")
                .isEqualTo(new SourceClock.Reading(T0 - 1_000 + 90_000, true));
        assertThat(after.changed()).as("a restored partition is not persisted again until it has data").isEmpty();
    }
}
