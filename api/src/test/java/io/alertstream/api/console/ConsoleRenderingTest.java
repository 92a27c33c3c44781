package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.alerts.AlertView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console's templates as rendered (no server): what an alert carries is shown as text, never run as markup,
 * wherever it stands (element text, attribute, URL); the live list's ETag follows what it shows.
 */
class ConsoleRenderingTest {
    private static final Views VIEWS = new Views();
    private static final Instant NOW = Instant.parse("2026-12-03T08:30:00Z");

    private static AlertView alert(String service, String summary, List<String> silencedBy) {
        return new AlertView("errors|service=\"" + service + "\"", "errors", "FIRING", "critical", 12.0, 10.0, Map.of("service", service),
                Map.of("team", "payments"), List.of("alice"), List.of("oncall@example.com"), "2026-12-03T08:17:00Z", "2026-12-03T08:17:00Z",
                summary, silencedBy);
    }

    private static String live(List<AlertView> alerts, List<String> matchers) {
        AlertQuery query = new AlertQuery(matchers, AlertQuery.DEFAULT_GROUP);
        return VIEWS.render("alertsLive.jte", new AlertsPage.Model(null, query, AlertGroups.of(alerts, query.groupBy()), alerts.size(),
                (int) alerts.stream().filter(a -> !a.silencedBy().isEmpty()).count(), null, NOW));
    }

    @Test
    void shouldShowMarkupInALabelAndASummaryAsTextNeverAsElements() {
        String html = live(List.of(alert("<script>alert(1)</script>", "<img src=x onerror=alert(2)> errors", List.of())), List.of());

        assertThat(html).doesNotContain("<script>alert(1)</script>").doesNotContain("<img src=x");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt; errors");
        // In the filter link the label is URL-encoded; in data attributes it is attribute-escaped.
        assertThat(html).contains("match=service%3D%3Cscript%3Ealert%281%29%3C%2Fscript%3E");
        assertThat(html).doesNotContain("data-alert-key=\"errors|service=\"<");
    }

    @Test
    void shouldShowLevelValueAgainstThresholdAgeOwnersAndTheSilencedBadge() {
        String html = live(List.of(alert("checkout", "checkout: 12 errors", List.of("s-1"))), List.of("team=payments"));

        assertThat(html).contains("<strong>1</strong> firing, 1 of them silenced");
        assertThat(html).contains("class=\"alert level-critical\"").contains("12 <span class=\"vs\">/ threshold 10</span>");
        assertThat(html).contains("13 min").contains("alice").contains("oncall@example.com");
        assertThat(html).contains("class=\"badge silenced\"").contains("silence s-1");
        assertThat(html).doesNotContain("Nothing you may see");
    }

    @Test
    void shouldGiveTheSameEtagForTheSameListAndAnotherWhenAnAlertIsSilenced() {
        String before = LiveAnswer.etag(live(List.of(alert("checkout", "s", List.of())), List.of()));
        String again = LiveAnswer.etag(live(List.of(alert("checkout", "s", List.of())), List.of()));
        String silenced = LiveAnswer.etag(live(List.of(alert("checkout", "s", List.of("s-1"))), List.of()));

        assertThat(again).isEqualTo(before);
        assertThat(silenced).isNotEqualTo(before);
    }

    @Test
    void shouldPrefillASilenceWithTheAlertsLabelsQuotingValuesTheMatcherSyntaxWouldMisread() {
        AlertView a = new AlertView("k", "errors", "FIRING", "warning", 1.0, 0.0, Map.of("service", "~tilde.v1"), Map.of("team", "pay"),
                List.of(), List.of(), "2026-12-03T08:17:00Z", "2026-12-03T08:17:00Z", "s", List.of());

        assertThat(SilenceDraft.matchers(a)).containsExactly("rule=errors", "service=~~tilde\\.v1", "team=pay");
    }

    @Test
    void shouldOnlyReturnToTheConsolesOwnPathsAfterLogin() {
        assertThat(ConsoleRoutes.safeNext("/console/silences?x=1")).isEqualTo("/console/silences?x=1");
        assertThat(ConsoleRoutes.safeNext("//evil.example/console/")).isEqualTo(ConsoleRoutes.ALERTS);
        assertThat(ConsoleRoutes.safeNext("https://evil.example/")).isEqualTo(ConsoleRoutes.ALERTS);
        assertThat(ConsoleRoutes.safeNext("/console/\\evil")).isEqualTo(ConsoleRoutes.ALERTS);
    }
}
