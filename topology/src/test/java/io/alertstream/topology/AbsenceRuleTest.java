package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.sourcefile.Durations;
import io.alertstream.topology.testing.AlertHarness;
import io.alertstream.topology.watermark.SourceBacklog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Absence rules through TopologyTestDriver: judged on the watermark, never on the wall clock. Event times are offsets from T0. */
class AbsenceRuleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String HEARTBEAT = """
            rules:
              - id: heartbeat
                filter: event.kind == "heartbeat"
                group_by: [service]
                absent: {for: 5m%s}
                recipients: {critical: [pager@example.com]}
            """;

    private AlertHarness harness = new AlertHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static Instant at(String offset) {
        return T0.plus(Durations.parse(offset));
    }

    private void heartbeat(String service, String offset) {
        harness.send(at(offset), Map.of("service", service, "kind", "heartbeat"));
    }

    /** An event for no rule, only to move event time (and so the watermark) forward. */
    private void tick(String offset) {
        harness.send(at(offset), Map.of("service", "other", "kind", "request"));
    }

    @Test
    void shouldFireAfterForOfWatermarkWithoutEventsAndResolveWhenOneComesBack() {
        harness.publish(Rules.of(HEARTBEAT.formatted("")));
        heartbeat("checkout", "0s");
        heartbeat("checkout", "1m");
        tick("3m");
        tick("5m59s");
        assertThat(harness.alerts()).isEmpty();

        tick("6m"); // the watermark reaches the last heartbeat + 5m
        List<Alert> fired = harness.alerts();
        assertThat(fired).extracting(Alert::status, Alert::level, Alert::previousLevel, Alert::alertKey, Alert::at, Alert::startsAt)
                .containsExactly(tuple("FIRING", "critical", null, "heartbeat|service=\"checkout\"", "2026-01-01T00:06:00Z",
                        "2026-01-01T00:06:00Z"));
        Alert a = fired.get(0);
        assertThat(a.window()).isEqualTo(new Alert.AlertWindow("2026-01-01T00:01:00Z", "2026-01-01T00:06:00Z"));
        assertThat(a.value()).isNull();
        assertThat(a.recipients()).containsExactly("pager@example.com");
        assertThat(a.summary()).isEqualTo("heartbeat: no matching event from service=\"checkout\" for 5m (since 2026-01-01T00:01:00Z)");

        tick("7m");
        assertThat(harness.alerts()).isEmpty(); // nothing repeated while it holds
        heartbeat("checkout", "8m");
        List<Alert> resolved = harness.alerts();
        assertThat(resolved).extracting(Alert::status, Alert::level, Alert::previousLevel, Alert::at)
                .containsExactly(tuple("RESOLVED", null, "critical", "2026-01-01T00:08:00Z"));
        assertThat(resolved.get(0).window()).isEqualTo(a.window());
        assertThat(resolved.get(0).id()).isNotEqualTo(a.id());

        tick("12m59s");
        assertThat(harness.alerts()).isEmpty();
        tick("13m"); // silent again from 8m: a new alert
        assertThat(harness.alerts()).extracting(Alert::status, Alert::at).containsExactly(tuple("FIRING", "2026-01-01T00:13:00Z"));
    }

    @Test
    void shouldNotFireWhenOnlyTheWallClockMovesDuringABacklog() {
        harness.close();
        // Reading data an hour old, with a backlog: the wall clock is far ahead, the watermark follows the events.
        harness = new AlertHarness(AlertTopologyConfig.defaults(), T0.plus(Duration.ofHours(1)), SourceBacklog.measured());
        harness.publish(Rules.of(HEARTBEAT.formatted("")));
        heartbeat("checkout", "0s");
        harness.advance(Duration.ofHours(2));
        tick("1m");
        tick("4m59s");
        assertThat(harness.alerts()).isEmpty();

        tick("5m"); // the backlog's event time gets there: judged as it would have been live
        assertThat(harness.alerts()).extracting(Alert::status, Alert::at).containsExactly(tuple("FIRING", "2026-01-01T00:05:00Z"));
    }

    @Test
    void shouldCountAnEventThatArrivesLateWithinGrace() {
        harness.publish(Rules.of(HEARTBEAT.formatted(", grace: 1m")));
        heartbeat("checkout", "0s");
        tick("5m30s");
        heartbeat("checkout", "4m45s"); // 45 s behind the watermark: within grace, it counts
        tick("10m44s");
        assertThat(harness.alerts()).isEmpty();

        tick("10m45s"); // 4m45s + 5m + grace
        assertThat(harness.alerts()).extracting(Alert::status, Alert::at, a -> a.window().start())
                .containsExactly(tuple("FIRING", "2026-01-01T00:09:45Z", "2026-01-01T00:04:45Z"));
    }

    @Test
    void shouldResolveAtTheEarliestEventAfterTheSilenceWhateverOrderTheyArriveInWithinGrace() {
        harness.publish(Rules.of(HEARTBEAT.formatted(", grace: 1m")));
        heartbeat("checkout", "0s");
        tick("6m");
        assertThat(harness.alerts()).extracting(Alert::status, Alert::at).containsExactly(tuple("FIRING", "2026-01-01T00:05:00Z"));

        tick("7m");
        heartbeat("checkout", "6m40s"); // arrives first
        heartbeat("checkout", "6m20s"); // earlier, within grace: it is the one that ended the silence
        tick("7m19s");
        assertThat(harness.alerts()).as("an event before 6m20s may still come").isEmpty();

        tick("7m20s"); // 6m20s + grace: final
        assertThat(harness.alerts()).extracting(Alert::status, Alert::previousLevel, Alert::at)
                .containsExactly(tuple("RESOLVED", "critical", "2026-01-01T00:06:20Z"));
    }

    @Test
    void shouldStillFireForAGroupThatFellDueWhileItsRuleWasBrieflyDisabled() {
        harness.close();
        Properties props = new Properties();
        // The wall clock follows the events here: re-enabled long before any retirement runs.
        props.put(AlertTopologyConfig.PREFIX + "rules.check.interval", "1h");
        harness = new AlertHarness(AlertTopologyConfig.from(props), T0);
        String rule = HEARTBEAT.formatted("");
        harness.publish(Rules.of(rule));
        heartbeat("checkout", "0s");
        tick("1m");
        harness.publish(Rules.of(rule.replace("group_by: [service]", "group_by: [service]\n    enabled: false")));
        tick("5m"); // checkout falls due while the rule is disabled
        harness.publish(Rules.of(rule));
        tick("5m30s");
        tick("20m");
        assertThat(harness.alerts()).as("checkout stayed silent: re-enabled, the rule judges it")
                .extracting(Alert::status, Alert::alertKey, Alert::at)
                .containsExactly(tuple("FIRING", "heartbeat|service=\"checkout\"", "2026-01-01T00:05:00Z"));
    }

    @Test
    void shouldFireForAListedGroupThatNeverReported() {
        harness.publish(Rules.of(HEARTBEAT.formatted(", groups: [{service: checkout}, {service: cart}]")));
        tick("0s");
        heartbeat("cart", "1m");
        tick("4m59s");
        assertThat(harness.alerts()).isEmpty();

        tick("5m"); // checkout was expected from the first watermark after the rule was loaded
        assertThat(harness.alerts()).extracting(Alert::status, Alert::alertKey, Alert::at)
                .containsExactly(tuple("FIRING", "heartbeat|service=\"checkout\"", "2026-01-01T00:05:00Z"));
        tick("6m");
        assertThat(harness.alerts()).extracting(Alert::alertKey).containsExactly("heartbeat|service=\"cart\"");
        heartbeat("checkout", "6m30s");
        assertThat(harness.alerts()).extracting(Alert::status, Alert::alertKey)
                .containsExactly(tuple("RESOLVED", "heartbeat|service=\"checkout\""));
    }

    @Test
    void shouldResolveTheOldKindsAlertsWhenARuleTurnsIntoAnAbsenceRuleAndBack() {
        harness.publish(Rules.of("""
                rules:
                  - id: heartbeat
                    filter: event.kind == "heartbeat"
                    group_by: [service]
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                """));
        heartbeat("checkout", "0s");
        heartbeat("checkout", "1s");
        assertThat(harness.alerts()).extracting(Alert::status, Alert::level).containsExactly(tuple("FIRING", "warning"));

        harness.publish(Rules.of(HEARTBEAT.formatted("")));
        harness.advance(Duration.ofSeconds(2));
        assertThat(harness.alerts()).extracting(Alert::status, Alert::previousLevel).containsExactly(tuple("RESOLVED", "warning"));
        heartbeat("checkout", "10s");
        tick("5m10s");
        assertThat(harness.alerts()).extracting(Alert::status, Alert::level).containsExactly(tuple("FIRING", "critical"));

        harness.publish(Rules.of("""
                rules:
                  - {id: heartbeat, group_by: [service], window: {size: 1m}, aggregate: count, triggers: {warning: {above: 100}}}
                """));
        harness.advance(Duration.ofSeconds(2));
        assertThat(harness.alerts()).extracting(Alert::status, Alert::previousLevel).containsExactly(tuple("RESOLVED", "critical"));
    }

    @Test
    void shouldResolveWhenTheRuleIsDeleted() {
        harness.publish(Rules.of(HEARTBEAT.formatted("")));
        heartbeat("checkout", "0s");
        tick("5m");
        assertThat(harness.alerts()).extracting(Alert::status).containsExactly("FIRING");
        harness.deleteRule("heartbeat");
        harness.advance(Duration.ofSeconds(2));
        assertThat(harness.alerts()).extracting(Alert::status, Alert::previousLevel).containsExactly(tuple("RESOLVED", "critical"));
    }
}
