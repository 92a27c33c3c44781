package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.bench.BacklogWorkload.Transition;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backlog generator has the shapes issue #12 asks for, and its model and comparison count right. */
class BacklogWorkloadTest {
    private static final Instant START = Instant.parse("2026-12-01T00:00:30Z");

    @Test
    void shouldGenerateRunsOfConsecutiveBreachingWindowsGapsAndThresholdEdgesOverAThousandGroups() {
        BacklogWorkload w = BacklogWorkload.generate(7L, START, 60, 1_000, 0);
        assertThat(w.hits).hasSize(1_000);
        int consecutive = 0, gaps = 0, atWarning = 0, oneOver = 0, atCritical = 0, oneOverCritical = 0, breaching = 0;
        for (int[] counts : w.hits.values()) {
            boolean breached = false;
            for (int m = 0; m < counts.length; m++) {
                boolean breach = counts[m] > BacklogWorkload.WARNING;
                breached |= breach;
                consecutive += m > 0 && breach && counts[m - 1] > BacklogWorkload.WARNING ? 1 : 0;
                gaps += counts[m] == 0 ? 1 : 0;
                atWarning += counts[m] == BacklogWorkload.WARNING ? 1 : 0;
                oneOver += counts[m] == BacklogWorkload.WARNING + 1 ? 1 : 0;
                atCritical += counts[m] == BacklogWorkload.CRITICAL ? 1 : 0;
                oneOverCritical += counts[m] == BacklogWorkload.CRITICAL + 1 ? 1 : 0;
            }
            breaching += breached ? 1 : 0;
        }
        assertThat(breaching).as("groups that breach now and then").isGreaterThanOrEqualTo(850);
        assertThat(List.of(consecutive, gaps, atWarning, oneOver, atCritical, oneOverCritical)).allSatisfy(n -> assertThat(n).isGreaterThan(1_000));
        assertThat(w.events).isSortedAccordingTo(Comparator.comparingLong(BacklogWorkload.Event::time));
        assertThat(w.events.stream().filter(e -> new String(e.json()).contains("\"hit\"")).count())
                .isEqualTo(w.hits.values().stream().flatMapToInt(java.util.Arrays::stream).sum());
    }

    @Test
    void shouldTopUpWithFillerToTheRequestedTotal() {
        BacklogWorkload w = BacklogWorkload.generate(7L, START, 60, 1_000, 400_000);
        assertThat(w.events.size()).isBetween(399_940, 400_000);
    }

    @Test
    void shouldExpectWarningBeforeCriticalBackToWarningAndResolvedAfterTheRun() {
        BacklogWorkload w = BacklogWorkload.generate(1L, START, 6, 1, 0);
        long t0 = w.t0;
        w.hits.put("g0000", new int[] {5, 11, 10, 6, 0, 6}); // 5 is at warning (quiet), 11 one over critical
        String key = BacklogWorkload.alertKey("g0000");
        assertThat(key).isEqualTo("backlog-runs|group=\"g0000\"");
        assertThat(w.expected()).containsExactlyInAnyOrder(
                new Transition(key, "FIRING", "warning", t0 + 60_000), new Transition(key, "FIRING", "critical", t0 + 60_000),
                new Transition(key, "FIRING", "warning", t0 + 120_000), new Transition(key, "RESOLVED", null, t0 + 240_000),
                new Transition(key, "FIRING", "warning", t0 + 300_000), new Transition(key, "RESOLVED", null, t0 + 360_000));
    }

    @Test
    void shouldReadTransitionsFromAlertJsonAndCountFoundUnexpectedAndDuplicated() throws Exception {
        String json = "{\"alertKey\":\"k\",\"status\":\"RESOLVED\",\"level\":null,\"previousLevel\":\"warning\","
                + "\"window\":{\"start\":\"1970-01-01T00:01:00Z\",\"end\":\"1970-01-01T00:02:00Z\"}}";
        Transition resolved = BacklogRun.transition(new ObjectMapper().readTree(json));
        assertThat(resolved).isEqualTo(new Transition("k", "RESOLVED", null, 60_000));

        Transition firing = new Transition("k", "FIRING", "warning", 0);
        Map<Transition, Integer> seen = new HashMap<>(Map.of(firing, 2, new Transition("k", "FIRING", "critical", 0), 1));
        BacklogRun.Sample s = BacklogRun.compare(Set.of(firing, resolved), seen);
        assertThat(List.of(s.found(), s.expected(), s.unexpected(), s.duplicated())).containsExactly(1, 2, 1, 1);
        assertThat(s.foundShare()).isEqualTo(0.5);
    }
}
