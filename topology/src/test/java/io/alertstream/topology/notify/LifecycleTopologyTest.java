package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Flapping and escalation in the notification sub-topology, under TopologyTestDriver. */
class LifecycleTopologyTest {
    private static final String ROUTING = """
            receivers:
              - name: team
                email: {to: [team@example.com]}
              - name: lead
                email: {to: [lead@example.com]}
              - name: head
                email: {to: [head@example.com]}
            route:
              receiver: team
              group_by: [rule]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 4h
              routes:
                - match: {team: payments}
                  escalate:
                    - {after: 15m, receiver: lead}
                    - {after: 1h, receiver: head}
                - match: {team: flaky}
                  flapping: {changes: 4, within: 10m, settle: 10m}
            """;
    private static final Map<String, String> PAYMENTS = Map.of("team", "payments");
    private static final Map<String, String> FLAKY = Map.of("team", "flaky");
    private static final String KEY = "r1|checkout";

    private NotifyHarness h = new NotifyHarness().routing(ROUTING);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldEscalateAnAlertStillFiringUnacknowledgedAfterEachStep() {
        String starts = at(0);
        h.send(alert(Alert.FIRING, "warning", null, starts, starts, PAYMENTS)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).containsExactly("team");
        h.advance(Duration.ofMinutes(14));
        assertThat(h.notifications()).as("not yet 15 minutes").isEmpty();
        h.advance(Duration.ofMinutes(1)).advance(Duration.ofSeconds(2));
        List<JsonNode> out = h.notifications();
        assertThat(receivers(out)).containsExactly("lead");
        assertThat(out.get(0).get("kind").asText()).isEqualTo("firing");
        assertThat(out.get(0).at("/alerts/0/alertKey").asText()).isEqualTo(KEY);
        h.advance(Duration.ofMinutes(45)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).containsExactly("head");
        h.advance(Duration.ofHours(2));
        assertThat(h.notifications()).as("every step done once").isEmpty();
        assertThat(h.metric("notify-escalated-total")).isEqualTo(2.0);

        h.send(alert(Alert.RESOLVED, null, "warning", starts, at(4000), PAYMENTS)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).as("escalation receivers hear of the resolution too")
                .containsExactlyInAnyOrder("team", "lead", "head");
        assertThat(entries(StoreNames.NOTIFY_LIFECYCLE)).as("state forgotten").isZero();
    }

    @Test
    void shouldStopPendingEscalationsWhenTheEpisodeIsAcknowledged() {
        String starts = at(0);
        h.send(alert(Alert.FIRING, "warning", null, starts, starts, PAYMENTS)).advance(Duration.ofSeconds(2));
        h.notifications();
        h.ack(KEY, at(-60), "alice").advance(Duration.ofMinutes(16)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).as("an ack of an earlier episode does not count").containsExactly("lead");
        h.ack(KEY, starts, "alice").advance(Duration.ofHours(2));
        assertThat(h.notifications()).as("acknowledged: the 1h step is not sent").isEmpty();
        assertThat(h.metric("notify-escalation-acknowledged-total")).isEqualTo(1.0);

        h.send(alert(Alert.FIRING, "critical", "warning", starts, at(100), PAYMENTS)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).as("a level change in the same episode reaches those already told, escalates no further")
                .containsExactlyInAnyOrder("team", "lead");
        h.advance(Duration.ofHours(2));
        assertThat(h.notifications()).isEmpty();
    }

    @Test
    void shouldClearEscalationOnResolutionAndStartOverOnTheNextFiring() {
        String starts = at(0);
        h.send(alert(Alert.FIRING, "warning", null, starts, starts, PAYMENTS)).advance(Duration.ofMinutes(10));
        h.ack(KEY, starts, "alice");
        h.send(alert(Alert.RESOLVED, null, "warning", starts, at(600), PAYMENTS)).advance(Duration.ofHours(2));
        assertThat(receivers(h.notifications())).as("resolved before 15m: nobody escalated").containsOnly("team");
        assertThat(entries(StoreNames.NOTIFY_LIFECYCLE_DUE)).isZero();

        String again = at(8000);
        h.send(alert(Alert.FIRING, "warning", null, again, again, PAYMENTS)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).containsExactly("team");
        assertThat(entries(StoreNames.NOTIFY_LIFECYCLE)).as("the pending escalation is in the logged store")
                .isEqualTo(1);
        assertThat(entries(StoreNames.NOTIFY_LIFECYCLE_DUE)).as("and its due time in the logged due index").isEqualTo(1);
        h.advance(Duration.ofMinutes(15)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).as("a new episode escalates again; the earlier ack does not carry over")
                .containsExactly("lead");
    }

    @Test
    void shouldFollowRoutingEditsForPendingEscalations() {
        String starts = at(0);
        h.send(alert(Alert.FIRING, "warning", null, starts, starts, PAYMENTS)).advance(Duration.ofSeconds(2));
        h.notifications();
        h.routing(ROUTING.replace("{after: 15m, receiver: lead}", "{after: 5m, receiver: lead}"))
                .advance(Duration.ofMinutes(5)).advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).as("the due time was set from the routing in force when it fired").isEmpty();
        h.advance(Duration.ofMinutes(10)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).containsExactly("lead");
        String noEscalation = ROUTING.replaceAll("(?s)      escalate:\n.*?head}\n", "");
        assertThat(noEscalation).doesNotContain("escalate");
        h.routing(noEscalation);
        h.advance(Duration.ofHours(2));
        assertThat(h.notifications()).as("the route no longer escalates: the 1h step is dropped").isEmpty();
        assertThat(entries(StoreNames.NOTIFY_LIFECYCLE)).isZero();
    }

    @Test
    void shouldNeitherLoseNorRepeatAnEscalationOverARestart() {
        String starts = at(0);
        h.send(alert(Alert.FIRING, "warning", null, starts, starts, PAYMENTS)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).containsExactly("team");
        h.advance(Duration.ofMinutes(10));
        h = h.restarted(ROUTING, StoreNames.NOTIFY_LIFECYCLE, StoreNames.NOTIFY_LIFECYCLE_DUE, StoreNames.NOTIFY_GROUPS,
                StoreNames.NOTIFY_DUE);
        h.advance(Duration.ofMinutes(4));
        assertThat(h.notifications()).as("nothing told again after the restart").isEmpty();
        h.advance(Duration.ofMinutes(1)).advance(Duration.ofSeconds(2));
        assertThat(receivers(h.notifications())).as("the escalation pending before the restart, once").containsExactly("lead");
        h.advance(Duration.ofMinutes(30));
        assertThat(h.notifications()).isEmpty();
    }

    @Test
    void shouldHoldAFlappingAlertOverARestart() {
        int t = 0;
        for (int i = 0; i < 5; i++) {
            boolean fire = i % 2 == 0;
            h.send(alert(fire ? Alert.FIRING : Alert.RESOLVED, fire ? "warning" : null, fire ? null : "warning", at(t), at(t), FLAKY))
                    .advance(Duration.ofSeconds(2));
            t += 60;
        }
        assertThat(h.notifications()).hasSize(5);
        h.send(alert(Alert.RESOLVED, null, "warning", at(t), at(t), FLAKY)).advance(Duration.ofSeconds(2));
        h = h.restarted(ROUTING, StoreNames.NOTIFY_LIFECYCLE, StoreNames.NOTIFY_LIFECYCLE_DUE, StoreNames.NOTIFY_GROUPS,
                StoreNames.NOTIFY_DUE);
        h.advance(Duration.ofMinutes(9));
        assertThat(h.notifications()).as("still held after the restart").isEmpty();
        h.advance(Duration.ofMinutes(1)).advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).as("settled, told once").containsExactly("resolved");
    }

    @Test
    void shouldTellAFlappingAlertOnceThenItsSettledState() {
        int t = 0;
        h.send(alert(Alert.FIRING, "warning", null, at(t), at(t), FLAKY)).advance(Duration.ofSeconds(2));
        h.send(alert(Alert.RESOLVED, null, "warning", at(t), at(t += 60), FLAKY)).advance(Duration.ofSeconds(2));
        h.send(alert(Alert.FIRING, "warning", null, at(t += 60), at(t), FLAKY)).advance(Duration.ofSeconds(2));
        h.send(alert(Alert.RESOLVED, null, "warning", at(t - 60), at(t += 60), FLAKY)).advance(Duration.ofSeconds(2));
        List<JsonNode> before = h.notifications();
        assertThat(before).as("four changes are not more than four: told as usual").hasSize(4);
        assertThat(before).allMatch(n -> !n.at("/alerts/0/flapping").isBoolean());

        h.send(alert(Alert.FIRING, "critical", null, at(t += 60), at(t), FLAKY)).advance(Duration.ofSeconds(2));
        List<JsonNode> notice = h.notifications();
        assertThat(notice).as("the fifth change within 10m: one flapping notice").hasSize(1);
        assertThat(notice.get(0).at("/alerts/0/flapping").asBoolean()).isTrue();
        assertThat(notice.get(0).at("/alerts/0/status").asText()).isEqualTo("FIRING");

        h.send(alert(Alert.RESOLVED, null, "critical", at(t - 60), at(t += 60), FLAKY)).advance(Duration.ofMinutes(5));
        h.send(alert(Alert.FIRING, "warning", null, at(t += 60), at(t), FLAKY)).advance(Duration.ofMinutes(5));
        h.send(alert(Alert.RESOLVED, null, "warning", at(t - 60), at(t += 60), FLAKY)).advance(Duration.ofMinutes(9));
        assertThat(h.notifications()).as("held while it keeps changing").isEmpty();
        h.advance(Duration.ofMinutes(1)).advance(Duration.ofSeconds(2));
        List<JsonNode> settled = h.notifications();
        assertThat(settled).as("settled 10m after the last change: its current state, unmarked").hasSize(1);
        assertThat(settled.get(0).get("kind").asText()).isEqualTo("resolved");
        assertThat(settled.get(0).at("/alerts/0/flapping").isMissingNode()).isTrue();
        assertThat(h.metric("notify-flapping-total")).isEqualTo(1.0);

        h.send(alert(Alert.FIRING, "warning", null, at(t += 60), at(t), FLAKY)).advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).as("after settling the count starts over").hasSize(1);
    }

    private long entries(String store) {
        try (var it = h.store(store).all()) {
            long n = 0;
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        }
    }

    private static String at(int seconds) {
        return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds).toString();
    }

    private static Alert alert(String status, String level, String previousLevel, String startsAt, String at, Map<String, String> labels) {
        String id = UUID.nameUUIDFromBytes((KEY + status + level + at).getBytes(StandardCharsets.UTF_8)).toString();
        return new Alert(id, KEY, "r1", status, level, previousLevel, Map.of("service", "checkout"), 42.0, 10.0,
                new Alert.AlertWindow(at, at), startsAt, at, "checkout is failing", labels, List.of(), null);
    }

    private static List<String> receivers(List<JsonNode> notifications) {
        return notifications.stream().map(n -> n.get("receiver").asText()).toList();
    }
}
