package io.alertstream.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.model.Alert;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label matchers, filters and visibility of {@code GET /v1/alerts}. */
class AlertFilterTest {
    private static final Map<String, String> LABELS = Map.of("team", "payments", "env", "prod");
    private static final Principal ALICE = new Principal("alice", "alice@example.com", false);

    @Test
    void shouldMatchLabelsAsPrometheusMatchersDo() {
        assertThat(LabelMatcher.parse("team=payments").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.parse("team!=payments").matches(LABELS)).isFalse();
        assertThat(LabelMatcher.parse("team=~pay.*").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.parse("team=~pay").matches(LABELS)).as("whole value").isFalse();
        assertThat(LabelMatcher.parse("env!~dev|test").matches(LABELS)).isTrue();
        assertThat(LabelMatcher.parse("region=").matches(LABELS)).as("a missing label is empty").isTrue();
        assertThat(LabelMatcher.parse("url=a=b").value()).isEqualTo("a=b");
    }

    @Test
    void shouldRefuseABadMatcherWith400() {
        for (String bad : List.of("team", "=payments", "team=~(", "!=x")) {
            assertThatThrownBy(() -> LabelMatcher.parse(bad)).as(bad).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(400));
        }
    }

    @Test
    void shouldShowAnAlertToOwnersRecipientsAndAdminsOnly() {
        assertThat(Visibility.canSee(ALICE, List.of("alice"), List.of())).isTrue();
        assertThat(Visibility.canSee(ALICE, List.of("bob"), List.of("ALICE@Example.com"))).isTrue();
        assertThat(Visibility.canSee(ALICE, List.of("bob"), List.of("ops@example.com"))).isFalse();
        assertThat(Visibility.canSee(ALICE, null, null)).isFalse();
        assertThat(Visibility.canSee(new Principal("root", "root@example.com", true), List.of("bob"), null)).isTrue();
    }

    @Test
    void shouldCombineFiltersWithVisibility() {
        Alert a = new Alert("i", "k", "r1", "FIRING", "critical", null, Map.of(), 1.0, 1.0, null, "2026-12-01T10:00:00Z",
                "2026-12-01T10:00:00Z", "s", LABELS, List.of("alice"), List.of());
        assertThat(new AlertFilter("r1", "CRITICAL", "alice", List.of(LabelMatcher.parse("env=prod"))).accepts(a, ALICE, Visibility.withoutRouting())).isTrue();
        assertThat(new AlertFilter("r2", null, null, List.of()).accepts(a, ALICE, Visibility.withoutRouting())).isFalse();
        assertThat(new AlertFilter(null, "warning", null, List.of()).accepts(a, ALICE, Visibility.withoutRouting())).isFalse();
        assertThat(new AlertFilter(null, null, "bob", List.of()).accepts(a, ALICE, Visibility.withoutRouting())).isFalse();
        assertThat(new AlertFilter(null, null, null, List.of()).accepts(a, new Principal("carol", "c@example.com", false), Visibility.withoutRouting())).isFalse();
    }

    @Test
    void shouldMatchOnTheLabelsRoutesMatchOnGroupValuesRuleLabelsAndRule() {
        Alert a = new Alert("i", "k", "http-5xx", "FIRING", "warning", null, Map.of("service", "checkout", "status", 503.0), 1.0, 1.0,
                null, "2026-12-01T10:00:00Z", "2026-12-01T10:00:00Z", "s", Map.of("team", "payments"), List.of("alice"), List.of());
        assertThat(new AlertFilter(null, null, null, List.of(LabelMatcher.parse("service=checkout"))).accepts(a, ALICE, Visibility.withoutRouting()))
                .as("a group value").isTrue();
        assertThat(new AlertFilter(null, null, null, List.of(LabelMatcher.parse("status=503"))).accepts(a, ALICE, Visibility.withoutRouting()))
                .as("a whole-number group value as written in events").isTrue();
        assertThat(new AlertFilter(null, null, null, List.of(LabelMatcher.parse("rule=http-5xx"), LabelMatcher.parse("team=payments")))
                .accepts(a, ALICE, Visibility.withoutRouting())).as("the rule and a rule label").isTrue();
        assertThat(new AlertFilter(null, null, null, List.of(LabelMatcher.parse("service=search"))).accepts(a, ALICE, Visibility.withoutRouting())).isFalse();
    }
}
