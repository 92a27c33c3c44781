package io.alertstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routing file's {@code flapping:} and {@code escalate:}: read, inherited, and every mistake reported as file:line:column. */
class RoutingLifecycleReaderTest {
    private static final String RECEIVERS = """
            receivers:
              - {name: team, email: {to: [t@example.com]}}
              - {name: lead, email: {to: [l@example.com]}}
              - {name: head, email: {to: [h@example.com]}}
              - {name: bob, email: {to: [b@example.com]}, digest_interval: 1h}
            """;

    @Test
    void shouldReadFlappingAndEscalationAndInheritThemUnlessAChildTurnsThemOff() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", RECEIVERS + """
                route:
                  receiver: team
                  flapping: {changes: 3, within: 5m}
                  escalate:
                    - {after: 15m, receiver: lead}
                    - {after: 1h, receiver: head}
                  routes:
                    - match: {team: a}
                    - match: {team: b}
                      flapping: off
                      escalate: []
                    - match: {team: c}
                      flapping: on
                """);
        assertThat(r.problems()).isEmpty();
        RouteLifecycle root = r.spec().root().lifecycle();
        assertThat(root.flapping()).isEqualTo(new RouteLifecycle.Flapping(3, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        assertThat(root.escalate()).containsExactly(new RouteLifecycle.Escalation(Duration.ofMinutes(15), "lead"),
                new RouteLifecycle.Escalation(Duration.ofHours(1), "head"));
        List<Route> children = r.spec().root().routes();
        assertThat(children.get(0).lifecycle()).isEqualTo(root);
        assertThat(children.get(1).lifecycle()).isEqualTo(RouteLifecycle.NONE);
        assertThat(children.get(2).lifecycle().flapping()).isEqualTo(new RouteLifecycle.Flapping(4, Duration.ofMinutes(10), Duration.ofMinutes(10)));
    }

    @Test
    void shouldBeOffByDefault() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", RECEIVERS + "route: {receiver: team}\n");
        assertThat(r.spec().root().lifecycle()).isEqualTo(RouteLifecycle.NONE);
    }

    @Test
    void shouldReportEveryMistakeWithFileLineAndColumn() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", RECEIVERS + """
                route:
                  receiver: team
                  flapping: {changes: 0, within: 0s, settel: 5m}
                  escalate:
                    - {after: 1h, receiver: lead}
                    - {after: 30m, receiver: head}
                    - {after: 2h, receiver: nobody}
                    - {receiver: head}
                  routes:
                    - receiver: bob
                      mode: digest
                      escalate: [{after: 5m, receiver: lead}]
                    - match: {team: x}
                      flapping: often
                      escalate: {after: 5m}
                """);
        assertThat(r.problems()).extracting(RuleProblem::toString).containsExactlyInAnyOrder(
                "routing.yaml:8:23: 'flapping.changes' must be a whole number from 1 to 1000, got '0'",
                "routing.yaml:8:34: 'flapping.within' must be more than 0",
                "routing.yaml:8:38: unknown key 'settel' in 'flapping' (known: changes, settle, within)",
                "routing.yaml:11:15: 'escalate' steps must come in order of 'after': 30m is not after the step before",
                "routing.yaml:12:29: unknown receiver 'nobody' (receivers: team, lead, head, bob)",
                "routing.yaml:13:7: an 'escalate' step needs 'after' (how long the alert fires unacknowledged) and 'receiver'",
                "routing.yaml:17:7: 'escalate' needs mode immediate: a digest route tells no one at once",
                "routing.yaml:19:17: 'flapping' must be a mapping {changes, within, settle}, or on / off",
                "routing.yaml:20:17: 'escalate' must be a list of {after, receiver}, e.g. [{after: 15m, receiver: team-lead}]");
    }
}
