package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code absent:} field of a rule: what it accepts, its JSON form, and every mistake at file:line:column. */
class AbsenceRuleReaderTest {

    private static List<String> problems(String yaml) {
        return RuleSetLoader.loadSources(Map.of("r.yaml", yaml)).problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void shouldReadAnAbsenceRuleAndRoundTripItThroughJson() {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: heartbeat
                    summary: "{{group.service}} stopped reporting ({{level}})"
                    filter: event.kind == "heartbeat"
                    group_by: [service, region.code]
                    absent: {for: 5m, grace: 10s, level: warning, groups: [{service: checkout, region.code: 7}, {service: search, region.code: null}]}
                """));
        assertThat(set.problems()).isEmpty();
        CompiledRule rule = set.rules().get(0);
        Absence a = rule.spec().absence();
        assertThat(a.silence()).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(a.level()).isEqualTo(Level.WARNING);
        assertThat(a.groups()).hasSize(2);
        assertThat(a.groups().get(0)).containsEntry("service", "checkout").containsEntry("region.code", 7L);
        assertThat(a.groups().get(1)).containsEntry("region.code", null);
        assertThat(rule.spec().triggers()).isEmpty();

        RuleSourceReader.Result again = RuleSourceReader.readRule("topic", rule.json());
        assertThat(again.problems()).isEmpty();
        assertThat(again.rules().get(0).spec()).isEqualTo(rule.spec());
    }

    @Test
    void shouldFireAtCriticalUnlessALevelIsGiven() {
        CompiledRule rule = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - {id: quiet, absent: {for: 1h}}
                """)).rules().get(0);
        assertThat(rule.spec().absence().level()).isEqualTo(Level.CRITICAL);
        assertThat(rule.spec().absence().grace()).isZero();
    }

    @Test
    void shouldReportBadDurationsAndLevelsWithFileLineAndColumn() {
        assertThat(problems("""
                rules:
                  - id: a
                    absent: {for: 5x, grace: 400d, level: page}
                  - id: b
                    absent: {for: 0}
                  - id: c
                    absent: {grace: 1s, every: 1m}
                  - id: d
                    absent: 5m
                """)).containsExactlyInAnyOrder(
                "r.yaml:3:19: bad duration '5x' for absent.for (use e.g. 500ms, 30s, 5m, 1h, 1h30m, 1d)",
                "r.yaml:3:30: duration '400d' for absent.grace is longer than the maximum 365d",
                "r.yaml:3:43: unknown level 'page' in absent (warning, critical)",
                "r.yaml:5:19: absent.for must be greater than 0",
                "r.yaml:7:13: missing 'for' in absent (how long a group may send nothing, e.g. absent: {for: 5m})",
                "r.yaml:7:25: unknown key 'every' in absent (known: for, grace, groups, level)",
                "r.yaml:9:13: 'absent' must be a mapping such as {for: 5m}, with optional grace, level and groups");
    }

    @Test
    void shouldRefuseWindowAggregateTriggersAndForBesideAbsent() {
        String why = "' does not apply to an absence rule: it fires when a group sends nothing for absent.for (remove '";
        assertThat(problems("""
                rules:
                  - id: mixed
                    summary: "{{value}} events"
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                    for: 2
                    absent: {for: 5m}
                """)).containsExactlyInAnyOrder(
                "r.yaml:3:14: placeholder {{value}} has no value in an absence rule's summary (level, rule, group.<a group_by field>)",
                "r.yaml:4:5: 'window" + why + "window', or 'absent' for a threshold rule)",
                "r.yaml:5:5: 'aggregate" + why + "aggregate', or 'absent' for a threshold rule)",
                "r.yaml:6:5: 'triggers" + why + "triggers', or 'absent' for a threshold rule)",
                "r.yaml:7:5: 'for" + why + "for', or 'absent' for a threshold rule)");
    }

    @Test
    void shouldCheckListedGroupsAgainstGroupBy() {
        assertThat(problems("""
                rules:
                  - id: g
                    group_by: [service, region]
                    absent:
                      for: 5m
                      groups:
                        - {service: checkout, region: eu}
                        - {service: checkout, region: eu}
                        - {service: search}
                        - {service: cart, region: eu, team: x}
                        - {service: [a, b], region: eu}
                        - checkout
                """)).containsExactlyInAnyOrder(
                "r.yaml:8:11: absent.groups lists this group twice",
                "r.yaml:9:11: group in absent.groups lacks group_by field(s) region (write null for a group whose events lack the field)",
                "r.yaml:10:39: 'team' in absent.groups is not a group_by field (service, region)",
                "r.yaml:11:21: absent.groups value of 'service' must be a single value (string, number, boolean or null)",
                "r.yaml:12:11: each entry of absent.groups must be a mapping of the group_by fields, e.g. {service: checkout}");
    }
}
