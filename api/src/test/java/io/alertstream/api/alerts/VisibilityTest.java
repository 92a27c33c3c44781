package io.alertstream.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.auth.Principal;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route-based visibility: the routing file's receivers of the routes an alert goes to see it, others do not. */
class VisibilityTest {
    private static final String ROUTING = """
            receivers:
              - name: default-oncall
                email: {to: [oncall@example.com]}
              - name: payments-team
                email: {to: [pay@example.com], cc: [Lead@Example.com]}
              - name: platform-team
                email: {to: [plat@example.com]}
              - name: erin
                email: {to: [erin@example.com]}
                digest_interval: 1h
              - name: critical-pager
                email: {to: [pager@example.com]}
            route:
              receiver: default-oncall
              routes:
                - match: {team: payments}
                  receiver: payments-team
                  continue: true
                - match: {team: payments}
                  receiver: erin
                  mode: digest
                - match: {team: platform}
                  receiver: platform-team
                - match_re: {service: "check.*"}
                  levels: [critical]
                  receiver: critical-pager
            """;
    private static final Principal PAY = new Principal("paula", "PAY@example.com", false);
    private static final Principal LEAD = new Principal("lee", "lead@example.com", false);
    private static final Principal ERIN = new Principal("erin", "someone-else@example.com", false);
    private static final Principal PLATFORM = new Principal("pat", "plat@example.com", false);
    private static final Principal ONCALL = new Principal("olga", "oncall@example.com", false);
    private static final Principal PAGER = new Principal("pete", "pager@example.com", false);

    private static Visibility withRouting() {
        RoutingReader.Result read = RoutingReader.read("routing.yaml", ROUTING);
        assertThat(read.problems()).isEmpty();
        RoutingCatalog catalog = new RoutingCatalog();
        catalog.set(read.spec());
        return new Visibility(catalog);
    }

    private static Alert alert(String team, String service, String status, String level, String previousLevel) {
        return new Alert("id-1", "key-1", "checkout-errors", status, level, previousLevel, Map.of("service", service), 12.0, 10.0,
                null, null, "2026-12-01T10:00:00Z", "fails", Map.of("team", team), List.of("owner"), List.of("direct@example.com"));
    }

    @Test
    void shouldShowAnAlertToTheEmailReceiversOfTheRoutesItGoesTo() {
        Visibility visibility = withRouting();
        Alert payments = alert("payments", "checkout", Alert.FIRING, "warning", null);
        assertThat(visibility.canSee(PAY, payments)).as("to, case-insensitive").isTrue();
        assertThat(visibility.canSee(LEAD, payments)).as("cc").isTrue();
        assertThat(visibility.canSee(PLATFORM, payments)).as("receiver of a route this alert does not take").isFalse();
        assertThat(visibility.canSee(ONCALL, payments)).as("the root handles only what no child takes").isFalse();
        assertThat(visibility.canSee(ONCALL, alert("search", "query", Alert.FIRING, "warning", null))).isTrue();
    }

    @Test
    void shouldShowAnAlertToTheUserOfADigestRouteItGoesTo() {
        Visibility visibility = withRouting();
        assertThat(visibility.canSee(ERIN, alert("payments", "checkout", Alert.FIRING, "warning", null))).isTrue();
        assertThat(visibility.canSee(ERIN, alert("platform", "checkout", Alert.FIRING, "warning", null))).isFalse();
    }

    @Test
    void shouldMatchLevelsAsTheEngineDoesAResolvedAlertAtItsPreviousLevel() {
        Visibility visibility = withRouting();
        assertThat(visibility.canSee(PAGER, alert("search", "checkout", Alert.FIRING, "critical", null))).isTrue();
        assertThat(visibility.canSee(PAGER, alert("search", "checkout", Alert.FIRING, "warning", null))).isFalse();
        assertThat(visibility.canSee(PAGER, alert("search", "checkout", Alert.RESOLVED, null, "critical"))).isTrue();
    }

    @Test
    void shouldKeepOwnersRecipientsAndAdminsAndShowNothingMoreWithoutARouting() {
        Visibility none = Visibility.withoutRouting();
        Alert payments = alert("payments", "checkout", Alert.FIRING, "warning", null);
        assertThat(none.canSee(PAY, payments)).isFalse();
        assertThat(none.canSee(new Principal("owner", null, false), payments)).isTrue();
        assertThat(none.canSee(new Principal("x", "Direct@example.com", false), payments)).isTrue();
        assertThat(none.canSee(new Principal("root", null, true), payments)).isTrue();
    }
}
