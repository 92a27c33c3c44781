package io.alertstream.testkit.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.backlog.ExpectedTransitions.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference model and the backlog generator the backlog IT judges the engine by. */
class ExpectedTransitionsTest {
    private static final String KEY = "r|group=\"a\"";

    @Test
    void shouldStepThroughWarningAndResolveAtTheWindowAfterTheRun() {
        // warning above 5, critical above 10; windows: 5 (edge, quiet), 11 (critical at once), 10 (back to warning),
        // 6 (warning), 0 (gap), 6 (new run), then the end: the window after the last one resolves.
        ExpectedTransitions model = new ExpectedTransitions(5, 10).addGroup(KEY, 0, 10, new int[] {5, 11, 10, 6, 0, 6});
        assertThat(model.transitions()).containsExactly(
                new Transition(KEY, "FIRING", "warning", 10), new Transition(KEY, "FIRING", "critical", 10),
                new Transition(KEY, "FIRING", "warning", 20), new Transition(KEY, "RESOLVED", null, 40),
                new Transition(KEY, "FIRING", "warning", 50), new Transition(KEY, "RESOLVED", null, 60));
    }

    @Test
    void shouldEscalateWithinARunWithoutRefiringWarning() {
        ExpectedTransitions model = new ExpectedTransitions(5, 10).addGroup(KEY, 0, 10, new int[] {6, 11, 12, 3});
        assertThat(model.transitions()).containsExactly(new Transition(KEY, "FIRING", "warning", 0),
                new Transition(KEY, "FIRING", "critical", 10), new Transition(KEY, "RESOLVED", null, 30));
    }

    @Test
    void shouldCountFoundUnexpectedAndDuplicatedTransitions() {
        ExpectedTransitions model = new ExpectedTransitions(5, null).addGroup(KEY, 0, 60_000, new int[] {6});
        ExpectedTransitions.Tally tally = model.tally();
        List<Map<String, Object>> alerts = new ArrayList<>();
        alerts.add(alert("FIRING", "warning", 0));
        assertThat(tally.update(alerts)).isFalse();
        alerts.add(alert("FIRING", "warning", 0));
        alerts.add(alert("FIRING", "critical", 0));
        alerts.add(alert("RESOLVED", null, 60_000));
        assertThat(tally.update(alerts)).isTrue();
        ExpectedTransitions.Comparison c = tally.result();
        assertThat(List.of(c.found(), c.expected(), c.unexpected(), c.duplicated())).containsExactly(2, 2, 1, 1);
    }

    @Test
    void shouldGenerateRunsGapsAndThresholdEdgesOverManyGroups() {
        BacklogWorkload w = BacklogWorkload.generate(7L, Instant.parse("2026-12-01T00:00:30Z"), 60, 1_200, 0);
        assertThat(w.hits).hasSize(1_200);
        int consecutive = 0, gaps = 0, atWarning = 0, oneOver = 0, atCritical = 0, oneOverCritical = 0, breachingGroups = 0;
        for (int[] counts : w.hits.values()) {
            boolean breached = false;
            for (int m = 0; m < counts.length; m++) {
                breached |= counts[m] > BacklogWorkload.WARNING;
                consecutive += m > 0 && counts[m] > BacklogWorkload.WARNING && counts[m - 1] > BacklogWorkload.WARNING ? 1 : 0;
                gaps += counts[m] == 0 ? 1 : 0;
                atWarning += counts[m] == BacklogWorkload.WARNING ? 1 : 0;
                oneOver += counts[m] == BacklogWorkload.WARNING + 1 ? 1 : 0;
                atCritical += counts[m] == BacklogWorkload.CRITICAL ? 1 : 0;
                oneOverCritical += counts[m] == BacklogWorkload.CRITICAL + 1 ? 1 : 0;
            }
            breachingGroups += breached ? 1 : 0;
        }
        assertThat(breachingGroups).as("groups breaching now and then").isGreaterThan(1_000);
        assertThat(List.of(consecutive, gaps, atWarning, oneOver, atCritical, oneOverCritical)).allSatisfy(n -> assertThat(n).isGreaterThan(1_000));
        assertThat(w.expected().size()).isGreaterThan(10_000);
        assertThat(w.events).isSortedAccordingTo(java.util.Comparator.comparingLong(BacklogWorkload.Event::time));
    }

    private static Map<String, Object> alert(String status, String level, long start) {
        Map<String, Object> a = new java.util.HashMap<>();
        a.put("alertKey", KEY);
        a.put("status", status);
        a.put("level", level);
        a.put("window", Map.of("start", Instant.ofEpochMilli(start).toString(), "end", Instant.ofEpochMilli(start + 60_000).toString()));
        return a;
    }
}
