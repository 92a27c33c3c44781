package io.alertstream.connectors.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Schedule slots, phases, resuming from a committed slot, and the hash assignment of targets to tasks. */
class ProbeScheduleTest {
    private static final long INTERVAL = 30_000;

    @Test
    void slotsShouldBeTheMultiplesOfTheIntervalShiftedByThePhase() {
        long phase = 7_000;
        assertThat(ProbeSchedule.slotAfter(100_000, INTERVAL, phase)).isEqualTo(127_000);
        assertThat(ProbeSchedule.slotAfter(127_000, INTERVAL, phase)).isEqualTo(157_000);
        assertThat(ProbeSchedule.slotAtOrAfter(127_000, INTERVAL, phase)).isEqualTo(127_000);
        assertThat(ProbeSchedule.slotAtOrBefore(126_999, INTERVAL, phase)).isEqualTo(97_000);
    }

    @Test
    void aNewTargetShouldStartAtTheFirstSlotFromNow() {
        assertThat(ProbeSchedule.resume(null, 100_000, INTERVAL, 7_000)).isEqualTo(127_000);
    }

    @Test
    void aRestartWithinOneIntervalShouldRunTheNextSlotNeitherSkippingNorRepeating() {
        // last committed 97_000; restarted at 120_000: next is 127_000.
        assertThat(ProbeSchedule.resume(97_000L, 120_000, INTERVAL, 7_000)).isEqualTo(127_000);
        // restarted at 140_000, after the 127_000 slot passed: it runs late instead of being skipped.
        assertThat(ProbeSchedule.resume(97_000L, 140_000, INTERVAL, 7_000)).isEqualTo(127_000);
    }

    @Test
    void aLongOutageShouldResumeAtTheLatestPastSlotWithoutABurst() {
        // last committed 97_000, back at 300_000: slots 127k..277k were missed; only 277_000 runs (late).
        assertThat(ProbeSchedule.resume(97_000L, 300_000, INTERVAL, 7_000)).isEqualTo(277_000);
    }

    @Test
    void phasesShouldBeStableAndSpreadOverTheInterval() {
        assertThat(TargetAssignment.phaseOf("shop-home", INTERVAL)).isEqualTo(TargetAssignment.phaseOf("shop-home", INTERVAL));
        long[] perSecond = new long[30];
        IntStream.range(0, 3000).forEach(i -> perSecond[(int) (TargetAssignment.phaseOf("t-" + i, INTERVAL) / 1000)]++);
        // 100 per second on average; a hash that clumps would leave seconds nearly empty.
        assertThat(java.util.Arrays.stream(perSecond).boxed().toList()).allSatisfy(count -> assertThat(count).isBetween(60L, 140L));
    }

    @Test
    void assignmentShouldBeStableAcrossCallsAndPinnedToMurmur2() {
        // Pinned values: a change of hash would move every target to another task on upgrade.
        assertThat(TargetAssignment.taskOf("shop-home", 4)).isEqualTo(TargetAssignment.taskOf("shop-home", 4));
        Map<String, Integer> pinned = new HashMap<>();
        for (String id : new String[] {"a", "shop-home", "api-health"}) {
            pinned.put(id, org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                    id.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % 3);
        }
        pinned.forEach((id, task) -> assertThat(TargetAssignment.taskOf(id, 3)).isEqualTo(task));
    }

    @Test
    void everyTargetShouldBelongToExactlyOneTaskAndTasksShouldShareEvenlyFromOneToFour() {
        for (int tasks = 1; tasks <= 4; tasks++) {
            int[] counts = new int[tasks];
            for (int i = 0; i < 4000; i++) {
                String id = "target-" + i;
                int owners = 0;
                for (int task = 0; task < tasks; task++) {
                    if (new TargetAssignment(task, tasks).owns(id)) {
                        owners++;
                        counts[task]++;
                    }
                }
                assertThat(owners).as("owners of %s with %d tasks", id, tasks).isEqualTo(1);
            }
            int expected = 4000 / tasks;
            for (int count : counts) {
                assertThat(count).as("targets per task with %d tasks", tasks)
                        .isBetween((int) (expected * 0.85), (int) (expected * 1.15));
            }
        }
    }
}
