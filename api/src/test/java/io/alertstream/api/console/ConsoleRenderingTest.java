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
                summary, silencedBy, List.of(), List.of());
    }

    private static String live(List<AlertView> alerts, List<String> matchers) {
        return live(alerts, matchers, java.util.Set.of());
    }

    private static String live(List<AlertView> alerts, List<String> matchers, java.util.Set<String> flapping) {
        AlertQuery query = new AlertQuery(matchers, AlertQuery.DEFAULT_GROUP);
        return VIEWS.render("alertsLive.jte", new AlertsPage.Model(null, query, AlertGroups.of(alerts, query.groupBy()), alerts.size(),
                (int) alerts.stream().filter(a -> !a.silencedBy().isEmpty()).count(), null, NOW, flapping));
    }

    @Test
    void shouldShowTheFlappingBadgeOnlyOnTheAlertsTheApiNamesFlapping() {
        AlertView a = alert("checkout", "checkout errors", List.of());

        assertThat(live(List.of(a), List.of(), java.util.Set.of(a.alertKey()))).contains("class=\"badge flapping\"");
        assertThat(live(List.of(a), List.of(), java.util.Set.of("other"))).doesNotContain("badge flapping");
    }

    @Test
    void shouldNameARoutingGroupByItsKeyAndReceiver() {
        AlertView a = alert("checkout", "checkout errors", List.of());
        String html = VIEWS.render("alertsLive.jte", new AlertsPage.Model(null, new AlertQuery(List.of(), AlertQuery.ROUTING_GROUPS),
                List.of(new AlertGroups.Group("{service=\"checkout\"}", "payments-<oncall>", List.of(a))), 1, 0, null, NOW, java.util.Set.of()));

        assertThat(html).contains("<span class=\"group-name\">{service=\"checkout\"}</span>").contains("to payments-&lt;oncall&gt;");
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
    void shouldShowTheInhibitedBadgeNamingTheAlertsThatInhibit() {
        AlertView base = alert("ledger", "ledger slow", List.of());
        AlertView inhibited = new AlertView(base.alertKey(), base.ruleId(), base.status(), base.level(), base.value(), base.threshold(),
                base.group(), base.labels(), base.owners(), base.recipients(), base.startsAt(), base.at(), base.summary(), List.of(),
                List.of(), List.of("dc-down|cluster=\"eu\""));
        String html = live(List.of(inhibited), List.of());

        assertThat(html).contains("class=\"badge inhibited\"").contains("Held back while dc-down|cluster=&#34;eu&#34; fires");
        assertThat(live(List.of(base), List.of())).doesNotContain("badge inhibited");
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
                List.of(), List.of(), "2026-12-03T08:17:00Z", "2026-12-03T08:17:00Z", "s", List.of(), List.of(), List.of());

        assertThat(SilenceDraft.matchers(a)).containsExactly("rule=errors", "service=~~tilde\\.v1", "team=pay");
    }

    @Test
    void shouldRenderEveryViewWithWhatTheApiMayLeaveOut() {
        Page page = new Page("t", "alerts", "alice");
        io.alertstream.topology.model.Alert resolved = new io.alertstream.topology.model.Alert("id-2", "k", "errors", "RESOLVED", null,
                "critical", Map.of(), null, null, null, "2026-12-03T08:17:00Z", "2026-12-03T08:20:00Z", null, null, null, null);
        String alert = VIEWS.render("alert.jte", new AlertPage.Model(page, "k", null, List.of(resolved), List.of(), null, null, null, NOW,
                List.of(), null, false, ValueChart.of(List.of(resolved)), null));
        assertThat(alert).contains("Not firing now").contains("RESOLVED").contains("No notification has named this alert")
                .doesNotContain("<svg").doesNotContain("Kibana");
        String silences = VIEWS.render("silences.jte", new SilencesPage.ListModel(page, List.of(new SilencesPage.Silence("s-1",
                List.of("a=b"), "2026-12-03T08:00:00Z", null, "resolved", "bob", null, "active", null)), null, null));
        assertThat(silences).contains("resolved").contains("Expire silence s-1");
        String form = VIEWS.render("silenceForm.jte", new SilencesPage.FormModel(page, null, "", "resolved", "", "bad <matcher>"));
        assertThat(form).contains("&lt;matcher&gt;").contains("value=\"resolved\" checked");
        RulesPage.Rule rule = new RulesPage.Rule("errors", "abc", null);
        String rules = VIEWS.render("rules.jte", new RulesPage.Model(page, List.of(rule), List.of(new RulesPage.Problem("r.yaml", 3, 7,
                "unknown key")), null, Map.of("errors", 2), true));
        assertThat(rules).contains("r.yaml:3:7").contains("at least 2");
        TargetsPage.Target target = new TargetsPage.Target("t-1", "https://h.example/", "GET", 30_000, null, List.of("alice"));
        String targets = VIEWS.render("targets.jte", new TargetsPage.PageModel(page, new TargetsPage.Model(List.of(
                new TargetsPage.Row(target, null, "the stats are moving", List.of())), null, null), new TargetsPage.FormModel("", "30s", "", null), null));
        assertThat(targets).contains("GET every 30s").contains("the stats are moving");
        assertThat(VIEWS.render("login.jte", new LoginPage.Model(null, "", ConsoleRoutes.ALERTS))).contains("Log in");
        assertThat(VIEWS.render("alerts.jte", new AlertsPage.Model(page, new AlertQuery(List.of(), "rule"), List.of(), 0, 0, "API down", NOW,
                java.util.Set.of())))
                .contains("API down");
    }

    @Test
    void shouldListUnderEachTargetTheAlertsFiringAboutItCriticalFirst() {
        AlertView warning = target("uptime-latency", "t-1", "warning", "slow <b>shop</b>");
        AlertView critical = target("uptime-down", "t-1", "critical", "shop down");
        AlertView other = target("uptime-down", "t-2", "critical", "other down");
        AlertView unrelated = alert("checkout", "checkout errors", List.of());

        Map<String, List<AlertView>> byTarget = TargetsPage.byTarget(List.of(warning, unrelated, other, critical));

        assertThat(byTarget).containsOnlyKeys("t-1", "t-2");
        assertThat(byTarget.get("t-1")).as("critical first").containsExactly(critical, warning);
        TargetsPage.Target t1 = new TargetsPage.Target("t-1", "https://shop.example/", "GET", 30_000, null, List.of("alice"));
        TargetsPage.Target t3 = new TargetsPage.Target("t-3", "https://calm.example/", "GET", 30_000, null, List.of("alice"));
        String html = VIEWS.render("targetsLive.jte", new TargetsPage.Model(List.of(
                new TargetsPage.Row(t1, null, "no stats", byTarget.get("t-1")), new TargetsPage.Row(t3, null, "no stats", List.of())), null, null));
        assertThat(html).contains("href=\"" + AlertPage.url(critical.alertKey()) + "\"").contains("shop down")
                .contains("slow &lt;b&gt;shop&lt;/b&gt;").doesNotContain("<b>shop")
                .contains("No alert firing about this target.");
        assertThat(html.indexOf("shop down")).as("the critical alert listed first").isLessThan(html.indexOf("slow &lt;b&gt;"));
    }

    private static AlertView target(String rule, String target, String level, String summary) {
        return new AlertView(rule + "|target=\"" + target + "\"", rule, "FIRING", level, 1.0, 1.0, Map.of("target", target, "url", "https://x"),
                Map.of(), List.of("alice"), List.of(), "2026-12-03T08:17:00Z", "2026-12-03T08:17:00Z", summary, List.of(), List.of(), List.of());
    }

    @Test
    void shouldListTheNotificationsSentWithTheFlappingBadgeAndLinkToTheEventsWhenConfigured() {
        AlertView current = alert("checkout", "checkout errors", List.of());
        io.alertstream.topology.model.Alert t = new io.alertstream.topology.model.Alert("id-1", current.alertKey(), "errors", "FIRING",
                "critical", null, Map.of("service", "checkout"), 12.0, 10.0,
                new io.alertstream.topology.model.Alert.AlertWindow("2026-12-03T08:16:00Z", "2026-12-03T08:17:00Z"), "2026-12-03T08:17:00Z",
                "2026-12-03T08:17:00Z", "s", Map.of(), List.of("alice"), List.of());
        List<io.alertstream.api.notifications.SentNotification> sent = List.of(new io.alertstream.api.notifications.SentNotification("n1",
                "2026-12-03T08:17:05Z", "payments-<oncall>", "email", "firing", List.of("oncall@example.com", "lead@example.com"), "FIRING",
                "critical", true));
        String link = new EventsLink("https://kibana.example.com/app/discover#/", "").to(t);
        String html = VIEWS.render("alert.jte", new AlertPage.Model(new Page("t", "alerts", "alice"), current.alertKey(), current, List.of(t),
                List.of(), null, null, null, NOW, sent, null, true, ValueChart.of(List.of(t)), link));

        assertThat(html).contains("<tr class=\"notification\"><td>2026-12-03 08:17:05 UTC</td><td>firing <span class=\"badge flapping\">")
                .contains("payments-&lt;oncall&gt;").contains("oncall@example.com, lead@example.com");
        assertThat(html).contains("<p><span class=\"badge flapping\">flapping</span>");
        assertThat(html).contains("class=\"events-link\"><a href=\"https://kibana.example.com/app/discover#/?_g=");
        String none = VIEWS.render("alert.jte", new AlertPage.Model(new Page("t", "alerts", "alice"), current.alertKey(), current, List.of(t),
                List.of(), null, null, null, NOW, List.of(), "the API answered 503", false, null, null));
        assertThat(none).contains("The notifications cannot be shown now: the API answered 503").doesNotContain("events-link")
                .doesNotContain("badge flapping");
    }

    @Test
    void shouldCountFiringEpisodesPerRuleNotTransitions() {
        io.alertstream.topology.model.Alert warning = firing("1", "k1", "warning", "2026-12-03T08:00:00Z");
        io.alertstream.topology.model.Alert critical = firing("2", "k1", "critical", "2026-12-03T08:00:00Z");
        io.alertstream.topology.model.Alert again = firing("3", "k1", "warning", "2026-12-03T09:00:00Z");
        io.alertstream.topology.model.Alert other = firing("4", "k2", "warning", "2026-12-03T08:00:00Z");

        assertThat(RulesPage.firingEpisodes(List.of(warning, critical, again, other))).isEqualTo(Map.of("errors", 3));
    }

    private static io.alertstream.topology.model.Alert firing(String id, String key, String level, String startsAt) {
        return new io.alertstream.topology.model.Alert(id, key, "errors", "FIRING", level, null, Map.of(), 1.0, 0.0, null, startsAt, startsAt,
                "s", Map.of(), List.of(), List.of());
    }

    @Test
    void shouldOnlyReturnToTheConsolesOwnPathsAfterLogin() {
        assertThat(ConsoleRoutes.safeNext("/console/silences?x=1")).isEqualTo("/console/silences?x=1");
        assertThat(ConsoleRoutes.safeNext("//evil.example/console/")).isEqualTo(ConsoleRoutes.ALERTS);
        assertThat(ConsoleRoutes.safeNext("https://evil.example/")).isEqualTo(ConsoleRoutes.ALERTS);
        assertThat(ConsoleRoutes.safeNext("/console/\\evil")).isEqualTo(ConsoleRoutes.ALERTS);
    }
}
