package io.alertstream.topology.watermark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The evaluating task's watermark: the minimum over every upstream task, idle ones left out. */
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
    void shouldLeaveAnIdlePartitionOutAndTakeItBackWhenItWakes() {
        WatermarkTracker tracker = new WatermarkTracker(2);
        tracker.update(0, 2, 10_000, false);
        tracker.update(1, 2, 2_000, false);
        assertThat(tracker.current()).isEqualTo(2_000);
        tracker.update(1, 2, 2_000, true);     // partition 1 went idle
        assertThat(tracker.current()).isEqualTo(10_000);
        tracker.update(0, 2, 20_000, false);
        assertThat(tracker.current()).isEqualTo(20_000);
        tracker.update(1, 2, 15_000, false);   // wakes up behind: the watermark never goes back
        assertThat(tracker.current()).isEqualTo(20_000);
        tracker.update(0, 2, 40_000, false);
        assertThat(tracker.current()).as("partition 1 counts again").isEqualTo(15_000 > 20_000 ? 15_000 : 20_000);
        tracker.update(1, 2, 25_000, false);
        assertThat(tracker.current()).isEqualTo(25_000);
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
