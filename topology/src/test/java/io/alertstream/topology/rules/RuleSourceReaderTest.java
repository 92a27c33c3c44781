package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rule-file mistake is reported as file:line:column: message, all at once. */
class RuleSourceReaderTest {

    private static List<String> problems(String yaml) {
        return RuleSetLoader.loadSources(Map.of("r.yaml", yaml)).problems().stream().map(RuleProblem::toString).toList();
    }

    @Test
    void shouldAcceptAFullRuleAndRoundTripItThroughJson() {
        String yaml = """
                rules:
                  - id: checkout-5xx
                    description: Too many server errors
                    labels: {team: payments}
                    summary: "{{group.service}}: {{value}} > {{threshold}} ({{level}}, {{rule}})"
                    filter: event.service == "checkout" && event.status >= 500
                    group_by: [service, http.route]
                    window: {size: 5m, advance: 1m, grace: 30s}
                    aggregate: count
                    triggers:
                      warning: {above: 10, clear_below: 8}
                      critical: {above: 50}
                    for: 2
                    owners: [alice, bob]
                    recipients: {warning: [ops@example.com], critical: [pager@example.com]}
                    enabled: true
                """;
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", yaml));
        assertThat(set.problems()).isEmpty();
        CompiledRule rule = set.rules().get(0);
        RuleSourceReader.Result again = RuleSourceReader.readRule("topic", rule.json());
        assertThat(again.problems()).isEmpty();
        assertThat(again.rules().get(0).spec()).isEqualTo(rule.spec());
        assertThat(rule.spec().window().windowsPerEvent()).isEqualTo(5);
    }

    @Test
    void shouldGiveTheSameStateFingerprintInEveryJvm() {
        CompiledRule rule = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - {id: f, group_by: [service], window: {size: 1m, grace: 5s}, aggregate: {function: p95, field: ms}, triggers: {warning: {above: 1}}}
                """)).rules().get(0);
        // A literal, not a recomputation: identity hash codes (an enum's) differ between JVMs, and matches
        // cross JVMs in the fan-out topic carrying this number.
        assertThat(rule.stateFingerprint()).isEqualTo("60000|60000|5000|P95|ms|service".hashCode()).isEqualTo(361222692);
    }

    @Test
    void shouldReportEachProblemWithFileLineAndColumn() {
        List<String> p = problems("""
                rules:
                  - id: Bad_Id
                    window: {size: 5x}
                    aggregate: {function: sum}
                    triggers:
                      warning: {above: ten}
                      page: {above: 1}
                    colour: red
                """);
        assertThat(p).containsExactlyInAnyOrder(
                "r.yaml:2:9: rule id 'Bad_Id' must match [a-z0-9][a-z0-9._-]*",
                "r.yaml:3:20: bad duration '5x' for window.size (use e.g. 500ms, 30s, 5m, 1h, 1h30m, 1d)",
                "r.yaml:4:27: aggregate 'sum' needs a 'field' (e.g. aggregate: {function: sum, field: latency_ms})",
                "r.yaml:6:24: 'warning.above' must be a number, got 'ten'",
                "r.yaml:7:7: unknown level 'page' (warning, critical)",
                "r.yaml:8:5: unknown key 'colour'");
    }

    @Test
    void shouldPointIntoTheFilterForCelErrors() {
        List<String> p = problems("""
                rules:
                  - id: x
                    filter: event.status >=
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                  - id: y
                    filter: 'event.a + 1 == "b"'
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                """);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).startsWith("r.yaml:3:28: filter: ").contains("mismatched input");
        assertThat(p.get(1)).startsWith("r.yaml:8:26: filter: ").contains("no matching overload");
    }

    @Test
    void shouldRejectDuplicateIdsAcrossFiles() {
        String rule = "rules:\n  - {id: dup, window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1}}}\n";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", rule);
        files.put("b.yaml", rule);
        assertThat(RuleSetLoader.loadSources(files).problems()).extracting(RuleProblem::toString)
                .containsExactly("b.yaml:2:10: duplicate rule id 'dup' (first defined at a.yaml:2)");
    }

    @Test
    void shouldCheckThresholdsHysteresisAndPlaceholders() {
        List<String> p = problems("""
                rules:
                  - id: t
                    summary: "{{group.host}} {{valeu}}"
                    group_by: [service]
                    window: {size: 1m, advance: 2m}
                    aggregate: {function: count, field: x}
                    triggers:
                      warning: {above: 10, clear_below: 12}
                      critical: {below: 5}
                """);
        assertThat(p).anyMatch(s -> s.startsWith("r.yaml:3:14: unknown placeholder {{group.host}}"))
                .anyMatch(s -> s.startsWith("r.yaml:3:14: unknown placeholder {{valeu}}"))
                .anyMatch(s -> s.startsWith("r.yaml:5:33: window.advance must be greater than 0 and at most window.size"))
                .anyMatch(s -> s.startsWith("r.yaml:6:41: aggregate 'count' takes no field"))
                .anyMatch(s -> s.startsWith("r.yaml:8:41: clear_below 12.0 must be at most the threshold 10.0"));
    }

    @Test
    void shouldReportInvalidYamlWithItsPosition() {
        assertThat(problems("rules: [\n  - id: x\n")).singleElement().asString().startsWith("r.yaml:");
        assertThat(problems("rules:\n  - id: a\n    id: b\n")).contains("r.yaml:3:5: duplicate key 'id'");
    }
}
