package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A filter's work per event is bounded: nested comprehensions stop after
 * {@link RuleCompiler#MAX_COMPREHENSION_ITERATIONS} iterations and the event counts as a filter error
 * (skipped for that rule, counted and logged rate-limited by the fan-out), like any evaluation error.
 */
class FilterCostTest {

    private static CompiledRule rule(String filter) {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: costly
                    filter: '%s'
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                """.formatted(filter)));
        assertThat(set.problems()).isEmpty();
        return set.rules().get(0);
    }

    private static Map<String, Object> eventWithItems(int n) {
        List<Long> items = IntStream.range(0, n).mapToObj(i -> (long) i).toList();
        return Map.of(RuleCompiler.EVENT_VAR, Map.of("items", items, "msg", "x".repeat(1_000_000)));
    }

    @Test
    void shouldStopNestedComprehensionsOverALargeListAndCountAnError() {
        CompiledRule rule = rule("event.items.all(x, event.items.all(y, x + y >= 0))");
        assertThat(rule.matches(eventWithItems(10))).as("10^2 iterations are within the budget").isEqualTo(CompiledRule.Match.YES);
        long start = System.nanoTime();
        // 1000^2 = 10^6 iterations unbounded; stopped at 10,000.
        assertThat(rule.matches(eventWithItems(1_000))).isEqualTo(CompiledRule.Match.ERROR);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms").isLessThan(5_000);
    }

    @Test
    void shouldStopAMapOfMapsAsTheIssueDescribes() {
        CompiledRule rule = rule("event.items.map(x, event.items.map(y, x * y)).size() > 0");
        assertThat(rule.matches(eventWithItems(200))).isEqualTo(CompiledRule.Match.ERROR);
    }

    @Test
    void shouldStillEvaluateComprehensionsWithinTheBudget() {
        CompiledRule rule = rule("event.items.exists(x, x == 99) && event.items.all(x, event.items.exists(y, y == x))");
        assertThat(rule.matches(eventWithItems(100))).isEqualTo(CompiledRule.Match.YES);
    }

    @Test
    void shouldRejectAtLoadComprehensionsNestedThreeDeepInEachOthersBodies() {
        List<String> p = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: cubic
                    filter: 'event.items.all(x, event.items.all(y, event.items.exists(z, x + y == z)))'
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                """)).problems().stream().map(RuleProblem::toString).toList();
        assertThat(p).containsExactly("r.yaml:3:70: filter: comprehensions nested 3 deep in each other's bodies (at most 2): "
                + "the work per event would grow as the list size to the power 3");
    }

    @Test
    void shouldNotCountAComprehensionOverAnothersResultAsNested() {
        rule("event.items.filter(x, x > 0).map(y, y * 2).all(z, event.items.exists(w, w == z))");
    }

    @Test
    void shouldMatchARegexOnAMegabyteStringInLinearTime() {
        // CEL's matches() is RE2: no catastrophic backtracking on a long event value.
        CompiledRule rule = rule("event.msg.matches(\"^(x+)+y$\")");
        assertThat(rule.matches(eventWithItems(1))).isEqualTo(CompiledRule.Match.NO);
    }
}
