package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every number and duration in a rule is bounded and checked without overflow: a value that would wrap,
 * throw or make each event cost billions of window updates is a {@code file:line:column} problem.
 */
class RuleLimitsTest {

    private static List<String> problems(String rule) {
        return RuleSetLoader.loadSources(Map.of("r.yaml", "rules:\n" + rule)).problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void shouldRejectAHoppingWindowWhoseWindowCountWouldWrapAroundAnInt() {
        // 4294967346 windows per event: cast to int this was 50, under the limit, and each event looped 4x10^9 times.
        assertThat(problems("""
                  - {id: a, window: {size: 4294967346ms, advance: 1ms}, aggregate: count, triggers: {warning: {above: 1}}}
                """)).containsExactly(
                "r.yaml:2:21: window size / advance puts each event in 4294967346 windows; at most 100 are allowed");
    }

    @Test
    void shouldRejectADurationLongerThanAYear() {
        assertThat(problems("""
                  - {id: a, window: {size: 366d}, aggregate: count, triggers: {warning: {above: 1}}}
                """)).containsExactly("r.yaml:2:28: duration '366d' for window.size is longer than the maximum 365d");
    }

    @Test
    void shouldReportADurationTooLargeForALongInsteadOfThrowing() {
        assertThat(problems("""
                  - {id: a, window: {size: 99999999999999999999s}, aggregate: count, triggers: {warning: {above: 1}}}
                """)).containsExactly("r.yaml:2:28: duration '99999999999999999999s' for window.size is out of range (at most 365d)");
    }

    @Test
    void shouldReportADurationWhoseMillisecondsOverflowALong() {
        // 200000000000d fits a long as days but not as milliseconds.
        assertThat(problems("""
                  - {id: a, window: {size: 1m, grace: 200000000000d}, aggregate: count, triggers: {warning: {above: 1}}}
                """)).containsExactly("r.yaml:2:39: duration '200000000000d' for window.grace is out of range (at most 365d)");
    }

    @Test
    void shouldRejectAGraceAndAnAdvanceBeyondTheMaximum() {
        assertThat(problems("""
                  - id: a
                    window:
                      size: 1m
                      advance: 1m
                      grace: 400d
                    aggregate: count
                    triggers: {warning: {above: 1}}
                """)).containsExactly("r.yaml:6:14: duration '400d' for window.grace is longer than the maximum 365d");
    }

    @Test
    void shouldRejectAForBeyondItsLimitAndOneTooLongForAnInt() {
        assertThat(problems("""
                  - {id: a, window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}, for: 1001}
                  - {id: b, window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}, for: 99999999999999999999}
                """)).containsExactly(
                "r.yaml:2:89: 'for' must be a whole number of windows from 0 to 1000, got '1001'",
                "r.yaml:3:89: 'for' must be a whole number of windows from 0 to 1000, got '99999999999999999999'");
    }

    @Test
    void shouldRejectThresholdsThatAreNotFiniteNumbers() {
        assertThat(problems("""
                  - id: a
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 1e400, clear_below: .nan}
                      critical: {above: .inf}
                """)).containsExactly(
                "r.yaml:6:24: 'warning.above' must be a number, got '1e400'",
                "r.yaml:6:44: 'warning.clear_below' must be a number, got '.nan'",
                "r.yaml:7:25: 'critical.above' must be a number, got '.inf'");
    }

    @Test
    void shouldQuoteAHugeValueOnlyInPartInItsProblem() {
        String huge = "9".repeat(100_000);
        List<String> p = problems("  - {id: a, window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}, for: " + huge + "}\n");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).hasSizeLessThan(300).contains("(100000 chars)");
    }

    @Test
    void shouldAcceptEveryLimitExactly() {
        assertThat(problems("""
                  - {id: a, window: {size: 100m, advance: 1m, grace: 365d}, aggregate: count, triggers: {warning: {above: 1}}, for: 1000}
                  - {id: b, window: {size: 365d}, aggregate: count, triggers: {warning: {above: -1.7976931348623157e308}}}
                """)).isEmpty();
    }
}
