package io.alertstream.topology.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The evaluating task's watermark: the minimum over every upstream task, idle ones at the time they report. */
class WatermarkTrackerTest {

    @Test
    void shouldWaitForEveryUpstreamTaskBeforeAdvancing() {
        WatermarkTracker tracker = new WatermarkTracker(3);
        tracker.update(0, 3, 5_000, false);
        tracker.update(1, 3, 9_000, false);
        assertThat(tracker.current()).as("task 2 not heard from yet").isEqualTo(Long.MIN_VALUE);
        assertThat(tracker.update(2, 3, 7_000, false)).isTrue();
        assertThat(tracker.current()).isEqualTo(5_000);
    }

    @Test
    void shouldFollowTheSlowestOfSkewedPartitions() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        tracker.update(0, 2, 60_000, false);   // fast partition, a minute ahead
        tracker.update(1, 2, 1_000, false);    // slow partition catching up on a backlog
        assertThat(tracker.current()).isEqualTo(1_000);
        tracker.update(0, 2, 3_600_000, false);
        assertThat(tracker.current()).as("the fast one cannot drag the watermark past the slow one").isEqualTo(1_000);
        tracker.update(1, 2, 30_000, false);
        assertThat(tracker.current()).isEqualTo(30_000);
    }

    @Test
    void shouldCountAnIdleSourceAtTheTimeItReportsWhichFollowsTheWallClock() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        tracker.update(0, 2, 10_000, false);
        tracker.update(1, 2, 2_000, false);
        assertThat(tracker.current()).isEqualTo(2_000);
        tracker.update(1, 2, 7_000, true);     // partition 1 went idle: newest data 2 s + 5 s of silence
        assertThat(tracker.current()).isEqualTo(7_000);
        tracker.update(1, 2, 12_000, true);    // still idle, 5 s later
        assertThat(tracker.current()).as("the active source holds it now").isEqualTo(10_000);
        tracker.update(0, 2, 20_000, false);
        assertThat(tracker.current()).isEqualTo(12_000);
        tracker.update(1, 2, 15_000, false);   // wakes up with data at 15 s
        assertThat(tracker.current()).isEqualTo(15_000);
        tracker.update(1, 2, 25_000, false);
        assertThat(tracker.current()).isEqualTo(20_000);
    }

    /**
     * Crash of the instance that owns partition 1 while its last reading said idle: until a new owner
     * reports, the others (catching up faster than the wall clock) must not carry the watermark past
     * what partition 1 received meanwhile, or its events would be judged late when the new owner reads them.
     */
    @Test
    void shouldNotLetOthersOvertakeASourceWhoseLastWordWasIdle() {
        WatermarkTracker tracker = new WatermarkTracker(3);
        tracker.update(0, 3, 60_000, false);
        tracker.update(1, 3, 65_000, true);    // idle, then its owner dies
        tracker.update(2, 3, 61_000, false);
        for (long t = 70_000; t <= 600_000; t += 10_000) { // the others race through a backlog
            tracker.update(0, 3, t, false);
            tracker.update(2, 3, t + 1_000, false);
        }
        assertThat(tracker.current()).isEqualTo(65_000);
        tracker.update(1, 3, Long.MIN_VALUE, false); // the new owner, before reading: holds at what it said last
        assertThat(tracker.current()).isEqualTo(65_000);
        tracker.update(1, 3, 300_000, false);        // it reads what arrived meanwhile
        assertThat(tracker.current()).isEqualTo(300_000);
    }

    @Test
    void shouldAdvanceWithIdleSourcesWhenAllAreIdle() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        tracker.update(0, 2, 10_000, true);
        tracker.update(1, 2, 12_000, true);
        assertThat(tracker.current()).isEqualTo(10_000);
        tracker.update(0, 2, 70_000, true);
        tracker.update(1, 2, 72_000, true);
        assertThat(tracker.current()).isEqualTo(70_000);
    }

    @Test
    void shouldNeverLetASourceGoBackAfterARestartElsewhere() {
        WatermarkTracker tracker = new WatermarkTracker(1);
        tracker.update(0, 1, 50_000, false);
        tracker.update(0, 1, Long.MIN_VALUE, false); // the task restarted and has seen nothing yet
        assertThat(tracker.current()).isEqualTo(50_000);
        assertThat(tracker.sourceTime(0)).isEqualTo(50_000);
    }

    @Test
    void shouldLearnAboutMoreSourcesThanConfigured() {
        WatermarkTracker tracker = new WatermarkTracker(1);
        tracker.update(0, 2, 5_000, false);
        assertThat(tracker.current()).as("the record says there are 2 sources").isEqualTo(Long.MIN_VALUE);
        tracker.update(1, 2, 6_000, false);
        assertThat(tracker.current()).isEqualTo(5_000);
    }

    @Test
    void shouldLetAnIdleSourceWithDataMoveTheWatermarkWhenTheOthersNeverHadAny() {
        WatermarkTracker t = new WatermarkTracker(4);
        t.update(0, 4, 50_000, true); // the burst's partition, silent now: newest event + silence
        for (int source = 1; source < 4; source++) {
            t.update(source, 4, Long.MIN_VALUE, true); // never any data
        }
        assertThat(t.current()).isEqualTo(50_000);
        t.update(0, 4, 80_000, true);
        assertThat(t.current()).as("a quiet topic still closes its windows").isEqualTo(80_000);
    }
}
