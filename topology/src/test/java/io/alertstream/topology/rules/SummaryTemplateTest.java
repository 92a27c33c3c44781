package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rule summaries and owners in the one placeholder syntax: rendering, and malformed placeholders at file:line:column. */
class SummaryTemplateTest {

    private static List<String> problems(String yaml) {
        return RuleSetLoader.loadSources(Map.of("r.yaml", yaml)).problems().stream().map(RuleProblem::toString).toList();
    }

    private static String rule(String summaryLine) {
        return "rules:\n  - id: t\n" + summaryLine
                + "    group_by: [service]\n    window: {size: 1m}\n    aggregate: count\n    triggers: {warning: {above: 1}}\n";
    }

    @Test
    void shouldRenderEveryPlaceholderWithWhitespaceAndNullGroupValues() {
        SummaryTemplate summary = new SummaryTemplate("{{ group.service }}/{{group.host}}: {{value}} > {{threshold}} ({{level}}, {{rule}}) {x}");
        Map<String, Object> group = new HashMap<>();
        group.put("service", "checkout");
        group.put("host", null);

        assertThat(summary.render("r1", "critical", 12, 10, group)).isEqualTo("checkout/null: 12 > 10 (critical, r1) {x}");
        assertThat(summary.render("r1", null, 2.5, 10, group)).isEqualTo("checkout/null: " + Numbers.format(2.5) + " > 10 (ok, r1) {x}");
        assertThat(new SummaryTemplate(null).render("r1", "warning", 1, 1, Map.of())).isEmpty();
    }

    @Test
    void shouldKeepASummaryStoredBeforeTheSharedSyntaxAlertingAsWritten() {
        // Older versions accepted a stray "{{" in a summary; loading a file now refuses it, a stored rule still renders.
        assertThat(new SummaryTemplate("{{value}} {{oops").render("r1", "warning", 3, 1, Map.of())).isEqualTo("{{value}} {{oops");
    }

    @Test
    void shouldReportAMalformedPlaceholderAtItsOwnColumn() {
        assertThat(problems(rule("    summary: \"ok {{value\"\n")))
                .containsExactly("r.yaml:3:18: summary: malformed placeholder at character 3: expected {{name}} with letters, digits, '_', '-' or '.'");
        assertThat(problems(rule("    summary: {{value}} x\n"))).isNotEmpty(); // YAML itself: a bare {{ is a mapping
        assertThat(problems(rule("    summary: ok {{ has space }}\n")))
                .singleElement().asString().startsWith("r.yaml:3:17: summary: malformed placeholder at character 3");
        assertThat(problems(rule("    summary: |\n      first {{value}}\n      second {{ oops\n")))
                .singleElement().asString().startsWith("r.yaml:5:").contains("malformed placeholder at character 23");
    }

    @Test
    void shouldReadOwnerPlaceholdersInTheSameSyntax() {
        assertThat(OwnerTemplate.groupField("{{ group.owner }}")).isEqualTo("owner");
        assertThat(OwnerTemplate.groupField("{{group.a.b}}")).isEqualTo("a.b");
        assertThat(OwnerTemplate.groupField("alice")).isNull();
        assertThat(OwnerTemplate.groupField("{{group.}}")).isNull();
        assertThat(OwnerTemplate.groupField("{{value}}")).isNull();
        assertThat(OwnerTemplate.groupField("x{{group.owner}}")).isNull();
        assertThat(OwnerTemplate.problem("{{group.owner", List.of("owner"))).contains("a placeholder must be the whole entry");
        assertThat(OwnerTemplate.resolve(List.of("alice", "{{group.owner}}", "{{group.owner}}"), Map.of("owner", "bob")))
                .containsExactly("alice", "bob");
    }
}
