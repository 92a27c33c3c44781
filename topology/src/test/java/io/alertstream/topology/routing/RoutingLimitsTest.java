package io.alertstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Routing durations are bounded and overflow-free, and {@code match_re} is RE2: a pattern RE2 cannot run
 * (a backreference) is a {@code file:line:column} problem, and a catastrophic-backtracking pattern
 * matches a long label value in linear time.
 */
class RoutingLimitsTest {

    private static final String RECEIVERS = """
            receivers:
              - {name: team, email: {to: [a@example.com]}}
            """;

    private static List<String> problems(String yaml) {
        return RoutingReader.read("routing.yaml", yaml).problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void shouldReportARepeatIntervalWhoseMillisecondsOverflowInsteadOfGoingNegative() {
        assertThat(problems(RECEIVERS + """
                route:
                  receiver: team
                  repeat_interval: 200000000000d
                """)).containsExactly("routing.yaml:5:20: duration '200000000000d' for repeat_interval is out of range (at most 365d)");
    }

    @Test
    void shouldRejectEveryRouteDurationAboveTheMaximum() {
        assertThat(problems(RECEIVERS + """
                route:
                  receiver: team
                  group_wait: 366d
                  group_interval: 99999999999999999999s
                  routes:
                    - {match: {a: b}, repeat_interval: 8761h}
                """)).containsExactly(
                "routing.yaml:5:15: duration '366d' for group_wait is longer than the maximum 365d",
                "routing.yaml:6:19: duration '99999999999999999999s' for group_interval is out of range (at most 365d)",
                "routing.yaml:8:40: duration '8761h' for repeat_interval is longer than the maximum 365d");
    }

    @Test
    void shouldRejectADigestIntervalAboveTheMaximum() {
        assertThat(problems("""
                receivers:
                  - {name: team, email: {to: [a@example.com]}, digest_interval: 400d}
                route: {receiver: team}
                """)).containsExactly("routing.yaml:2:65: duration '400d' for digest_interval is longer than the maximum 365d");
    }

    @Test
    void shouldReportABackreferenceAsNotRe2AtItsColumn() {
        assertThat(problems(RECEIVERS + """
                route:
                  receiver: team
                  routes:
                    - match_re: {service: "(a)x\\\\1"}
                """)).containsExactly(
                "routing.yaml:6:32: bad regular expression: invalid escape sequence at '\\1' (RE2 syntax: no backreferences)");
    }

    @Test
    void shouldReportLookaheadAsNotRe2() {
        assertThat(problems(RECEIVERS + """
                route:
                  receiver: team
                  routes:
                    - match_re: {service: 'a(?=b)'}
                """)).singleElement().asString().startsWith("routing.yaml:6:").contains("no lookahead");
    }

    @Test
    void shouldRejectAPatternWhoseProgramIsHuge() {
        assertThat(problems(RECEIVERS + """
                route:
                  receiver: team
                  routes:
                    - match_re: {service: '((a{100}){100}){10}'}
                """)).singleElement().asString().startsWith("routing.yaml:6:").contains("regular expression too large");
    }

    @Test
    void shouldMatchACatastrophicPatternOnAMegabyteValueWithoutBacktracking() {
        RoutingSpec spec = RoutingReader.read("routing.yaml", """
                receivers:
                  - {name: root, email: {to: [r@example.com]}}
                  - {name: slow, email: {to: [s@example.com]}}
                route:
                  receiver: root
                  routes:
                    - {match_re: {service: '(a+)+$'}, receiver: slow}
                    - {match_re: {service: '(a|aa)+b'}, receiver: slow}
                """).spec();
        String almost = "a".repeat(1_000_000) + "!"; // java.util.regex would backtrack ~2^n times on this
        long start = System.nanoTime();
        List<Route> routes = spec.routesFor(Map.of("service", almost), "warning");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(routes).extracting(Route::receiver).containsExactly("root");
        assertThat(spec.routesFor(Map.of("service", "a".repeat(100_000)), "warning")).extracting(Route::receiver).containsExactly("slow");
        assertThat(millis).as("linear-time matching of 1 MB").isLessThan(10_000);
    }
}
