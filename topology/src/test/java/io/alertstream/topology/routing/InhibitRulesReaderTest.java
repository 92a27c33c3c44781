package io.alertstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code inhibit_rules:} of the routing file: read in Alertmanager's shape, problems at file:line:column. */
class InhibitRulesReaderTest {
    private static final String HEAD = """
            receivers:
              - {name: team, email: {to: [t@example.com]}}
            route:
              receiver: team
            """;

    @Test
    void shouldReadSourceTargetAndEqual() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", HEAD + """
                inhibit_rules:
                  - source_match: {rule: db-down}
                    source_match_re: {level: "crit.*"}
                    target_match_re: {team: "ops|payments"}
                    equal: [cluster, region]
                """);
        assertThat(r.problems()).isEmpty();
        InhibitRule rule = r.spec().inhibitRules().get(0);
        assertThat(rule.source()).extracting(LabelMatcher::toString).containsExactly("rule=db-down", "level=~crit.*");
        assertThat(rule.target()).extracting(LabelMatcher::toString).containsExactly("team=~ops|payments");
        assertThat(rule.equal()).containsExactly("cluster", "region");
        assertThat(rule.path()).isEqualTo("routing.yaml:6");
        assertThat(LabelMatcher.all(rule.target(), Map.of("team", "payments"))).isTrue();
        assertThat(LabelMatcher.all(rule.target(), Map.of("team", "payments-eu"))).as("the whole value").isFalse();
        assertThat(rule.equalValues(Map.of("cluster", "eu"))).isEqualTo("{cluster=\"eu\",region=\"\"}");
    }

    @Test
    void shouldReportEveryBadInhibitRuleAtFileLineColumn() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", HEAD + """
                inhibit_rules:
                  - source_match: {rule: db-down}
                    equal: [cluster]
                  - source_match_re: {service: "(a)\\\\1"}
                    target_match: {team: ops}
                  - target_match: {team: ops}
                    source_match: {rule: x}
                    equals: [cluster]
                  - source_match: {rule: x}
                    target_match: {team: ops}
                    equal: ["bad label"]
                  - just-a-string
                """);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(
                "routing.yaml:6:5: an inhibit rule needs 'target_match' or 'target_match_re' (which alerts are inhibited)",
                "routing.yaml:8:36: bad regular expression: invalid escape sequence at '\\1' (RE2 syntax: no backreferences)",
                "routing.yaml:12:5: unknown key 'equals' in an inhibit rule (known: equal, source_match, source_match_re, target_match, target_match_re)",
                "routing.yaml:15:12: bad label name 'bad label' in equal",
                "routing.yaml:16:5: an inhibit rule must be a mapping with source_match(_re), target_match(_re) and equal");
    }

    @Test
    void shouldRejectInhibitRulesThatAreNotAList() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", HEAD + "inhibit_rules: {source_match: {a: b}}\n");
        assertThat(r.problems()).extracting(RuleProblem::toString)
                .containsExactly("routing.yaml:5:16: 'inhibit_rules' must be a list of {source_match, target_match, equal}");
    }
}
