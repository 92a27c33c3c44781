package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.testing.AlertHarness;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Thresholds read from an event field ({@code above: {field: threshold}}) and owners read from the group
 * ({@code owners: ["{{group.owner}}"]}), through the whole topology: each window is judged at its close
 * against the threshold of its latest event carrying one, and each alert goes to its group's owner.
 */
class FieldThresholdTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String FAILURES = """
            rules:
              - id: failures
                summary: "{{group.target}}: {{value}} failures (threshold {{threshold}})"
                filter: event.kind == "probe" && !event.ok
                group_by: [target, owner]
                window: {size: 1m}
                aggregate: count
                triggers:
                  critical: {above: {field: threshold}}
                owners: ["{{group.owner}}", oncall]
            """;

    private final AlertHarness harness = new AlertHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    /** A failed check of target {@code t} owned by alice, at {@code seconds}, carrying {@code threshold} (null: none). */
    private void failure(int seconds, Integer threshold) {
        Map<String, Object> e = new HashMap<>(Map.of("kind", "probe", "target", "t", "owner", "alice", "ok", false));
        if (threshold != null) {
            e.put("threshold", threshold);
        }
        harness.send(T0.plusSeconds(seconds), e);
    }

    /** An event for no rule, only to move event time (and so the watermark) forward. */
    private void tick(int seconds) {
        harness.send(T0.plusSeconds(seconds), Map.of("kind", "other"));
    }

    @Test
    void shouldFireWhenAClosedWindowIsAboveTheThresholdItsEventsCarryAndGoToTheGroupsOwner() {
        harness.publish(Rules.of(FAILURES));
        for (int i = 0; i < 4; i++) {
            failure(10 + i, 3);
        }
        assertThat(harness.alerts()).as("a field threshold is judged at close only").isEmpty();

        tick(61);
        List<Alert> fired = harness.alerts();
        assertThat(fired).extracting(Alert::status, Alert::level, Alert::value, Alert::threshold)
                .containsExactly(tuple("FIRING", "critical", 4.0, 3.0));
        assertThat(fired.get(0).summary()).isEqualTo("t: 4 failures (threshold 3)");
        assertThat(fired.get(0).owners()).containsExactly("alice", "oncall");

        tick(121); // [1m,2m) closes without events, so without a threshold: the level is not held
        assertThat(harness.alerts()).extracting(Alert::status, Alert::previousLevel, Alert::owners)
                .containsExactly(tuple("RESOLVED", "critical", List.of("alice", "oncall")));
    }

    @Test
    void shouldTakeTheThresholdOfTheLatestEventInEventTimeWhateverTheArrivalOrder() {
        harness.publish(Rules.of(FAILURES));
        failure(50, 10); // arrives first, but is the latest in event time: its 10 is the window's threshold
        for (int i = 0; i < 5; i++) {
            failure(10 + i, 2);
        }
        tick(61);
        assertThat(harness.alerts()).as("6 failures are not above 10").isEmpty();

        failure(70, 2);
        failure(71, 2);
        failure(72, 9); // the same time as the next: the greater value wins the tie
        failure(72, 1);
        tick(121);
        assertThat(harness.alerts()).as("4 failures are not above 9").isEmpty();
    }

    @Test
    void shouldNotFireInAWindowWhoseEventsCarryNoNumericThreshold() {
        harness.publish(Rules.of(FAILURES));
        for (int i = 0; i < 10; i++) {
            failure(10 + i, null);
        }
        harness.send(T0.plusSeconds(30), Map.of("kind", "probe", "target", "t", "owner", "alice", "ok", false,
                "threshold", "three"));
        tick(61);
        assertThat(harness.alerts()).isEmpty();
        assertThat(harness.deadLetters()).as("a bad threshold is no bad event").isEmpty();
    }

    @Test
    void shouldLetAFixedLevelFireEarlyBesideAFieldLevelJudgedAtClose() {
        harness.publish(Rules.of("""
                rules:
                  - id: mixed
                    filter: event.kind == "probe" && !event.ok
                    group_by: [target]
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 1}
                      critical: {above: {field: threshold}}
                """));
        failure(10, 2);
        failure(11, 2);
        failure(12, 2);
        assertThat(harness.alerts()).extracting(Alert::level).as("warning is fixed: fires at the crossing").containsExactly("warning");
        tick(61);
        assertThat(harness.alerts()).extracting(Alert::level, Alert::previousLevel, Alert::threshold)
                .containsExactly(tuple("critical", "warning", 2.0));
    }
}
