package io.alertstream.topology.notify;

import static io.alertstream.topology.notify.NotifyHarness.withPeople;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.topology.model.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One model of who gets told: a rule's owners are digest routes and its recipients per level are immediate
 * email routes, taken by the notification router beside the routing file's own, with or without a routing
 * file; the digest has no second path (the alerts bridge is off in the full application).
 */
class RuleRoutesTopologyTest {
    private static final String RULE = """
            rules:
              - id: r1
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 1}
                  critical: {above: 10}
                owners: [alice]
                recipients:
                  warning: [team@example.com]
                  critical: [pager@example.com, team@example.com]
            """;
    private static final String T1 = "2026-01-01T00:00:00Z";
    private static final String T2 = "2026-01-01T00:01:00Z";
    private static final String T3 = "2026-01-01T00:02:00Z";
    private static final Map<String, String> LABELS = Map.of("team", "ops");

    private final NotifyHarness h = new NotifyHarness();

    @AfterEach
    void close() {
        h.close();
    }

    private static Alert warning(String at) {
        return withPeople("r1", "checkout", Alert.FIRING, "warning", null, at, LABELS, List.of("alice"), List.of("team@example.com"));
    }

    @Test
    void shouldMailTheRecipientsOfTheLevelAndPutTheAlertInEachOwnersDigestWithoutARoutingFile() {
        h.send(warning(T1)).advance(Duration.ofSeconds(31));

        List<JsonNode> out = h.notifications();
        assertThat(out).singleElement().satisfies(n -> {
            assertThat(n.get("channel").asText()).isEqualTo("email");
            assertThat(n.get("kind").asText()).isEqualTo("firing");
            assertThat(n.at("/email/to").toString()).isEqualTo("[\"team@example.com\"]");
            assertThat(n.at("/alerts/0/alertKey").asText()).isEqualTo("r1|checkout");
        });
        assertThat(h.statusChanges()).singleElement().satisfies(c -> {
            assertThat(c.get("UserID").asText()).isEqualTo("alice");
            assertThat(c.get("AlarmID").asText()).isEqualTo("r1|checkout");
            assertThat(c.get("Status").asText()).isEqualTo("WARNING");
        });
    }

    @Test
    void shouldTellADigestOwnerOnceWhenTheRoutingFileAlsoRoutesToThem() {
        h.routing("""
                receivers:
                  - name: alice
                    email: {to: [alice@example.com]}
                route:
                  receiver: alice
                  mode: digest
                """);
        h.send(warning(T1)).advance(Duration.ofSeconds(31));
        assertThat(h.statusChanges()).as("one status change, however many routes lead to alice's digest").hasSize(1);
    }

    @Test
    void shouldTellTheWarningRecipientsThatTheAlertLeftThemWhenItTurnsCritical() {
        h.rules(RULE);
        h.send(warning(T1)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).hasSize(1);

        h.send(withPeople("r1", "checkout", Alert.FIRING, "critical", "warning", T2, LABELS, List.of("alice"),
                List.of("pager@example.com", "team@example.com"))).advance(Duration.ofSeconds(31));
        List<JsonNode> out = new java.util.ArrayList<>(h.notifications());
        // The warning group heard from 1 min ago: its news waits for group_interval (5 min).
        h.advance(Duration.ofMinutes(5));
        out.addAll(h.notifications());
        assertThat(out).extracting(n -> n.get("receiver").asText() + " " + n.get("kind").asText())
                .containsExactlyInAnyOrder("email:pager@example.com,team@example.com firing", "email:team@example.com resolved");
    }

    @Test
    void shouldStillTellTheRecipientsOfAResolutionWhenTheRuleIsGone() {
        h.send(warning(T1)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).hasSize(1);
        // No rule on the rules topic at all: the resolution carries the recipients of the level it had.
        h.send(withPeople("r1", "checkout", Alert.RESOLVED, null, "warning", T3, LABELS, List.of("alice"),
                List.of("team@example.com"))).advance(Duration.ofMinutes(6));
        assertThat(h.notifications()).singleElement().satisfies(n -> assertThat(n.get("kind").asText()).isEqualTo("resolved"));
        assertThat(h.statusChanges()).extracting(c -> c.get("Status").asText()).containsExactly("WARNING", "CLEARED");
    }
}
