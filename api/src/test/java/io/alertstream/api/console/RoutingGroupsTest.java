package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.alerts.AlertView;
import io.alertstream.topology.routing.RoutingReader;
import io.alertstream.topology.routing.RoutingSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Alerts view groups as the routing file groups notifications: route, receiver and the engine's group key. */
class RoutingGroupsTest {
    private static final String ROUTING = """
            receivers:
              - name: web-oncall
                email: {to: [web@example.com]}
              - name: payments-oncall
                email: {to: [pay@example.com]}
            route:
              receiver: web-oncall
              group_by: [rule]
              routes:
                - match: {team: payments}
                  receiver: payments-oncall
                  group_by: [service]
            """;

    private static AlertView alert(String rule, String service, String team, String level) {
        return new AlertView(rule + "|service=\"" + service + "\"", rule, "FIRING", level, 5.0, 3.0, Map.of("service", service),
                Map.of("team", team), List.of(), List.of(), "2026-12-03T08:00:00Z", "2026-12-03T08:00:00Z", "s", List.of(), List.of(), List.of());
    }

    private static RoutingSpec routing() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", ROUTING);
        assertThat(r.problems()).isEmpty();
        return r.spec();
    }

    @Test
    void shouldGroupEachAlertByTheGroupByOfTheRouteItMatchesWithThatRoutesReceiver() {
        AlertView checkout = alert("errors", "checkout", "payments", "warning");
        AlertView ledger = alert("latency", "ledger", "payments", "critical");
        AlertView ledgerErrors = alert("errors", "ledger", "payments", "warning");
        AlertView web = alert("errors", "frontend", "web", "warning");

        List<AlertGroups.Group> groups = RoutingGroups.of(routing(), List.of(checkout, ledger, ledgerErrors, web));

        assertThat(groups).extracting(AlertGroups.Group::name, AlertGroups.Group::receiver).containsExactly(
                org.assertj.core.groups.Tuple.tuple("{service=\"ledger\"}", "payments-oncall"),
                org.assertj.core.groups.Tuple.tuple("{rule=\"errors\"}", "web-oncall"),
                org.assertj.core.groups.Tuple.tuple("{service=\"checkout\"}", "payments-oncall"));
        assertThat(groups.get(0).alerts()).containsExactly(ledger, ledgerErrors);
    }

    @Test
    void shouldFallBackToTheLabelGroupingWhenNoRoutingIsLoaded() {
        assertThat(RoutingSpec.NONE.root()).isNull(); // AlertsPage then uses AlertGroups: the view's label, `rule` by default
        List<AlertGroups.Group> groups = AlertGroups.of(List.of(alert("errors", "a", "web", "warning")), AlertQuery.DEFAULT_GROUP);
        assertThat(groups).extracting(AlertGroups.Group::name).containsExactly("rule=errors");
        assertThat(groups.get(0).receiver()).isNull();
    }
}
