package io.alertstream.topology.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The judging order on its own: no driver, a recorded close schedule, a group's state in hand. */
class GroupJudgeTest {
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final String KEY = "errors|";
    private final List<long[]> scheduled = new ArrayList<>();
    private final List<Alert> emitted = new ArrayList<>();
    private CompiledRule rule;
    private GroupJudge judge;
    private AlertState state;

    @BeforeEach
    void setUp() {
        rule = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: errors
                    window: {size: 10s}
                    aggregate: count
                    triggers:
                      warning: {above: 2}
                      critical: {above: 4}
                """)).rules().get(0);
        judge = new GroupJudge(new CloseSchedule() {
            @Override
            public void add(long closeTime, long windowStart, String alertKey) {
                scheduled.add(new long[] {closeTime, windowStart});
            }

            @Override
            public void remove(long closeTime, long windowStart, String alertKey) {
                scheduled.removeIf(s -> s[0] == closeTime && s[1] == windowStart);
            }
        }, (alert, at) -> emitted.add(alert));
        state = new AlertState();
        state.fingerprint = rule.stateFingerprint();
    }

    @Test
    void shouldFireAtTheCrossingEventWhenEveryEarlierWindowIsFinal() {
        long watermark = T0 + 1_000; // the window before [T0, T0+10s) closed at T0
        add(T0, 3, watermark);
        assertThat(emitted).extracting(Alert::status, Alert::level, Alert::at)
                .containsExactly(tuple("FIRING", "warning", "2026-01-01T00:00:00.002Z"));
    }

    @Test
    void shouldLetALaterWindowWaitForItsTurnAndJudgeItAtOnceWhenItComes() {
        long watermark = T0 + 2_000;
        add(T0, 1, watermark);                  // window 0: one event, still open
        add(T0 + 10_000, 5, watermark);         // window 1 already above critical, but window 0 is not judged
        assertThat(emitted).as("window 1 must wait: window 0 could still breach and start the run").isEmpty();

        List<WindowAggregate> closed = judge.close(rule, KEY, state, T0, T0 + 10_000, T0 + 10_000);

        assertThat(closed).extracting(WindowAggregate::start).containsExactly(T0);
        assertThat(emitted).as("window 1's turn: warning then critical, both for window 1")
                .extracting(Alert::status, Alert::level, Alert::previousLevel, a -> a.window().start())
                .containsExactly(tuple("FIRING", "warning", null, "2026-01-01T00:00:10Z"),
                        tuple("FIRING", "critical", "warning", "2026-01-01T00:00:10Z"));
    }

    @Test
    void shouldScheduleAWakeUpWhenTheWindowBeforeTheHeadWasNeverOpened() {
        long watermark = T0 + 5_000;
        add(T0 + 10_000, 3, watermark); // nothing in window 0, which could still receive events until T0+10s
        assertThat(emitted).isEmpty();
        assertThat(scheduled).anySatisfy(s -> assertThat(s).containsExactly(T0 + 10_000, T0));

        judge.close(rule, KEY, state, T0, T0 + 10_000, T0 + 10_000); // the wake-up: window 0 was never opened

        assertThat(emitted).extracting(Alert::level, a -> a.window().start())
                .containsExactly(tuple("warning", "2026-01-01T00:00:10Z"));
    }

    @Test
    void shouldCloseASuccessorDueInTheSameWatermarkBeforeReturning() {
        add(T0, 3, T0 + 1_000);
        emitted.clear();
        List<WindowAggregate> closed = judge.close(rule, KEY, state, T0, T0 + 10_000, T0 + 30_000);
        assertThat(closed).extracting(WindowAggregate::start).containsExactly(T0, T0 + 10_000);
        assertThat(emitted).extracting(Alert::status, a -> a.window().start())
                .containsExactly(tuple("RESOLVED", "2026-01-01T00:00:10Z"));
        assertThat(state.idle()).isTrue();
    }

    private void add(long windowStart, int events, long watermark) {
        WindowAggregate w = state.window(windowStart);
        boolean opened = w == null;
        if (opened) {
            w = state.openWindow(windowStart);
        }
        for (int i = 0; i < events; i++) {
            w.add(rule.spec().aggregation(), new FanOut.Match(windowStart + i, rule.stateFingerprint(), Double.NaN, 0));
            judge.judgeHead(rule, KEY, state, watermark, windowStart + i, opened);
        }
    }
}
