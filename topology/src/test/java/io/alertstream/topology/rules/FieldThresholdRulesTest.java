package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading thresholds read from an event field and owners read from the group: what is accepted, what is refused, where. */
class FieldThresholdRulesTest {

    private static List<String> problems(String yaml) {
        return RuleSetLoader.loadSources(Map.of("r.yaml", yaml)).problems().stream().map(RuleProblem::toString).toList();
    }

    private static String rule(String triggers, String owners) {
        return """
                rules:
                  - id: up
                    group_by: [target, owner]
                    window: {size: 5m, advance: 30s}
                    aggregate: count
                    triggers: %s
                    owners: %s
                """.formatted(triggers, owners);
    }

    @Test
    void shouldAcceptAFieldThresholdAndRoundTripItThroughJson() {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml",
                rule("{warning: {above: 2}, critical: {above: {field: probe.threshold}}}", "[\"{{group.owner}}\", bob]")));
        assertThat(set.problems()).isEmpty();
        CompiledRule compiled = set.rules().get(0);
        assertThat(compiled.spec().thresholdField()).isEqualTo("probe.threshold");
        assertThat(compiled.spec().trigger(Level.CRITICAL).fromField()).isTrue();
        assertThat(compiled.fieldsRead().reads("probe")).as("the parser must build the threshold field").isTrue();
        assertThat(compiled.json()).contains("\"critical\":{\"above\":{\"field\":\"probe.threshold\"}}");
        RuleSourceReader.Result again = RuleSourceReader.readRule("topic", compiled.json());
        assertThat(again.problems()).isEmpty();
        assertThat(again.rules().get(0).spec()).isEqualTo(compiled.spec());
    }

    @Test
    void shouldStartWindowStateAfreshWhenTheThresholdFieldChangesButKeepFixedFingerprints() {
        CompiledRule fixed = RuleSetLoader.loadSources(Map.of("r.yaml", rule("{critical: {above: 3}}", "[]"))).rules().get(0);
        CompiledRule field = RuleSetLoader.loadSources(Map.of("r.yaml", rule("{critical: {above: {field: t}}}", "[]"))).rules().get(0);
        assertThat(fixed.stateFingerprint()).isEqualTo("300000|30000|0|COUNT|null|target,owner".hashCode());
        assertThat(field.stateFingerprint()).isNotEqualTo(fixed.stateFingerprint());
    }

    @Test
    void shouldReportEachBadFieldThresholdWithFileLineAndColumn() {
        assertThat(problems(rule("{critical: {above: {field: \"not a path\"}}}", "[]")))
                .containsExactly("r.yaml:6:42: 'not a path' is not a field path (letters, digits, _ and -, dotted for nesting)");
        assertThat(problems(rule("{critical: {above: {fied: t}}}", "[]")))
                .contains("r.yaml:6:35: unknown key 'fied' in critical.above (a number, or {field: <event field>})");
        assertThat(problems(rule("{critical: {above: {field: t}, clear_below: 1}}", "[]"))).singleElement().asString()
                .startsWith("r.yaml:6:59: a threshold read from field 't' takes no clear_below/clear_above");
        assertThat(problems(rule("{warning: {above: {field: a}}, critical: {above: {field: b}}}", "[]"))).singleElement().asString()
                .startsWith("r.yaml:6:56: critical reads its threshold from field 'b' and warning from 'a'");
        assertThat(problems(rule("{warning: {above: {field: a}}, critical: {below: 3}}", "[]")))
                .containsExactly("r.yaml:6:56: warning and critical must both use 'above' or both use 'below'");
    }

    @Test
    void shouldRefuseAnOwnerPlaceholderThatNamesNoGroupByField() {
        assertThat(problems(rule("{critical: {above: 1}}", "[alice, \"{{group.team}}\"]")))
                .containsExactly("r.yaml:7:21: owner '{{group.team}}' names 'team', which is not a group_by field [target, owner]");
        assertThat(problems(rule("{critical: {above: 1}}", "[\"team-{{group.owner}}\"]")))
                .containsExactly("r.yaml:7:14: owner 'team-{{group.owner}}': a placeholder must be the whole entry, {{group.<a group_by field>}}");
    }

    @Test
    void shouldResolveOwnerPlaceholdersFromTheGroupOnceEachSkippingNulls() {
        java.util.Map<String, Object> group = new java.util.HashMap<>();
        group.put("owner", "alice");
        group.put("team", null);
        assertThat(OwnerTemplate.resolve(List.of("{{group.owner}}", "alice", "{{ group.team }}", "bob"), group))
                .containsExactly("alice", "bob");
    }
}
