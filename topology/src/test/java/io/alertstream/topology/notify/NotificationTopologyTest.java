package io.alertstream.topology.notify;

import static io.alertstream.topology.notify.NotifyHarness.firing;
import static io.alertstream.topology.notify.NotifyHarness.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The notification sub-topology under TopologyTestDriver: routing, grouping, timing, dedup, digests. */
class NotificationTopologyTest {
    private static final String ROUTING = """
            receivers:
              - name: team
                email: {to: [team@example.com], cc: [lead@example.com], bcc: [audit@example.com]}
                webhooks:
                  - {url: "http://127.0.0.1:9/hook", format: slack, timeout: 2s}
              - name: pager
                webhooks: [{url: "https://pager.example.com/x"}]
              - name: bob
                email: {to: [bob@example.com]}
                digest_interval: 1m
              - name: quiet
                email: {to: [quiet@example.com]}
            route:
              receiver: team
              group_by: [rule]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 1h
              routes:
                - match: {team: payments}
                  levels: [critical]
                  receiver: pager
                  group_wait: 0s
                  continue: true
                - match: {team: payments}
                  receiver: team
                - match_re: {service: "batch-.*"}
                  receiver: bob
                  mode: digest
                - match: {team: quiet}
                  receiver: quiet
                  send_resolved: false
            """;
    private static final Map<String, String> OPS = Map.of("team", "ops");
    private static final Map<String, String> PAYMENTS = Map.of("team", "payments");
    private static final String T1 = "2026-01-01T00:00:00Z";
    private static final String T2 = "2026-01-01T00:00:10Z";
    private static final String T3 = "2026-01-01T00:10:00Z";

    private final NotifyHarness h = new NotifyHarness().routing(ROUTING);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldGatherAlertsFiringTogetherIntoOneNotificationPerChannelAfterGroupWait() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(10))
                .send(firing("r1", "cart", "warning", null, T2, OPS));
        h.advance(Duration.ofSeconds(15));
        assertThat(h.notifications()).as("group_wait not over").isEmpty();
        h.advance(Duration.ofSeconds(6));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("channel").asText()).containsExactly("email", "webhook");
        JsonNode email = out.get(0);
        JsonNode webhook = out.get(1);
        assertThat(email.get("kind").asText()).isEqualTo("firing");
        assertThat(email.get("receiver").asText()).isEqualTo("team");
        assertThat(email.get("groupKey").asText()).isEqualTo("{rule=\"r1\"}");
        assertThat(email.at("/email/to/0").asText()).isEqualTo("team@example.com");
        assertThat(email.at("/email/cc/0").asText()).isEqualTo("lead@example.com");
        assertThat(email.at("/email/bcc/0").asText()).isEqualTo("audit@example.com");
        assertThat(alertKeys(email)).containsExactly("r1|checkout", "r1|cart");
        assertThat(email.at("/alerts/0/summary").asText()).isEqualTo("checkout is failing");
        assertThat(webhook.at("/webhook/url").asText()).isEqualTo("http://127.0.0.1:9/hook");
        assertThat(webhook.at("/webhook/format").asText()).isEqualTo("slack");
        assertThat(webhook.at("/webhook/timeoutMs").asLong()).isEqualTo(2000);
        assertThat(email.get("id").asText()).endsWith("-email");
        assertThat(webhook.get("id").asText()).isEqualTo(email.get("id").asText().replace("-email", "-webhook-0"));
    }

    @Test
    void shouldTellNothingTwiceUnlessItChangedAndThenWaitForGroupInterval() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        String firstId = h.notifications().get(0).get("id").asText();
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofMinutes(10));
        assertThat(h.notifications()).as("a duplicate transition is no news").isEmpty();
        h.send(firing("r1", "checkout", "critical", "warning", T3, OPS)).advance(Duration.ofSeconds(2));
        List<JsonNode> out = h.notifications();
        assertThat(out).as("group_interval since the last notification is over: sent at the next check").hasSize(2);
        assertThat(out.get(0).get("kind").asText()).isEqualTo("firing");
        assertThat(out.get(0).at("/alerts/0/level").asText()).isEqualTo("critical");
        assertThat(out.get(0).get("id").asText()).isNotEqualTo(firstId);
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofMinutes(10));
        assertThat(h.notifications()).as("an older transition arriving late changes nothing").isEmpty();
    }

    @Test
    void shouldHoldNewsUntilGroupIntervalAfterTheLastNotification() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).hasSize(2);
        h.send(firing("r1", "cart", "warning", null, T2, OPS)).advance(Duration.ofMinutes(4));
        assertThat(h.notifications()).isEmpty();
        h.advance(Duration.ofSeconds(61)); // 5 minutes after the first notification
        List<JsonNode> out = h.notifications();
        assertThat(out).hasSize(2);
        assertThat(alertKeys(out.get(0))).as("the whole group is listed").containsExactly("r1|checkout", "r1|cart");
    }

    @Test
    void shouldRemindOfAlertsStillFiringAfterRepeatInterval() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).hasSize(2);
        h.advance(Duration.ofMinutes(59));
        assertThat(h.notifications()).isEmpty();
        h.advance(Duration.ofMinutes(1));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText()).containsExactly("repeat", "repeat");
        assertThat(alertKeys(out.get(0))).containsExactly("r1|checkout");
    }

    @Test
    void shouldTellResolutionsThenForgetTheGroup() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        h.notifications();
        h.send(resolved("r1", "checkout", "warning", T3, OPS)).advance(Duration.ofMinutes(5));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText()).containsExactly("resolved", "resolved");
        assertThat(out.get(0).at("/alerts/0/status").asText()).isEqualTo("RESOLVED");
        h.advance(Duration.ofHours(3));
        assertThat(h.notifications()).as("no reminders of a resolved alert").isEmpty();
    }

    @Test
    void shouldNotTellResolutionsWithoutSendResolvedNorAlertsResolvedBeforeAnyoneWasTold() {
        Map<String, String> quiet = Map.of("team", "quiet");
        h.send(firing("r1", "checkout", "warning", null, T1, quiet)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).hasSize(1);
        h.send(resolved("r1", "checkout", "warning", T3, quiet)).advance(Duration.ofHours(2));
        assertThat(h.notifications()).isEmpty();

        h.send(firing("r2", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(5))
                .send(resolved("r2", "checkout", "warning", T2, OPS)).advance(Duration.ofMinutes(1));
        assertThat(h.notifications()).as("fired and resolved within group_wait: nothing to tell").isEmpty();
    }

    @Test
    void shouldRouteByLabelsAndLevelsFollowingContinue() {
        h.send(firing("pay", "checkout", "critical", null, T1, PAYMENTS)).advance(Duration.ofSeconds(1));
        assertThat(h.notifications()).as("pager: group_wait 0s, at the next check")
                .extracting(n -> n.get("receiver").asText() + "/" + n.get("channel").asText()).containsExactly("pager/webhook");
        h.advance(Duration.ofSeconds(30));
        assertThat(h.notifications()).as("continue: the team route takes it too")
                .extracting(n -> n.get("receiver").asText() + "/" + n.get("channel").asText()).containsExactly("team/email", "team/webhook");
        h.send(firing("pay", "cart", "warning", null, T1, PAYMENTS)).advance(Duration.ofMinutes(6));
        assertThat(h.notifications()).as("a warning is not for the pager")
                .extracting(n -> n.get("receiver").asText()).containsOnly("team");
    }

    @Test
    void shouldTellARouteThatAnAlertLeftItWhenItsLevelMovedItElsewhere() {
        h.routing("""
                receivers:
                  - {name: warnings, email: {to: [w@example.com]}}
                  - {name: pager, webhooks: [{url: "https://pager.example.com/x"}]}
                route:
                  receiver: warnings
                  group_wait: 0s
                  routes:
                    - {levels: [critical], receiver: pager}
                """);
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(1));
        assertThat(h.notifications()).extracting(n -> n.get("receiver").asText()).containsExactly("warnings");
        h.send(firing("r1", "checkout", "critical", "warning", T3, OPS)).advance(Duration.ofMinutes(5));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("receiver").asText() + "/" + n.get("kind").asText())
                .containsExactlyInAnyOrder("pager/firing", "warnings/resolved");
        h.advance(Duration.ofHours(5));
        assertThat(h.notifications()).extracting(n -> n.get("receiver").asText() + "/" + n.get("kind").asText())
                .as("only the pager is reminded").containsExactly("pager/repeat");
    }

    @Test
    void shouldPutDigestModeAlertsInTheReceiversScheduledDigest() {
        h.send(firing("jobs", "batch-7", "critical", null, T1, OPS)).advance(Duration.ofSeconds(5));
        assertThat(h.notifications()).as("digest mode: nothing at once").isEmpty();
        h.advance(Duration.ofSeconds(55));
        List<JsonNode> out = h.notifications();
        assertThat(out).hasSize(1);
        JsonNode digest = out.get(0);
        assertThat(digest.get("kind").asText()).isEqualTo("digest");
        assertThat(digest.get("receiver").asText()).isEqualTo("bob");
        assertThat(digest.at("/email/to/0").asText()).isEqualTo("bob@example.com");
        assertThat(digest.at("/alerts/0/alertKey").asText()).isEqualTo("jobs|batch-7");
        assertThat(digest.at("/alerts/0/level").asText()).isEqualTo("critical");
        h.requestDigest("bob").advance(Duration.ofMinutes(1));
        assertThat(h.notifications()).as("nothing new: empty digests send nothing").isEmpty();
    }

    @Test
    void shouldKeepTheLastGoodRoutingWhenAnInvalidOneArrivesAndStopWhenItIsRemoved() {
        h.routing("receivers: [{name: team}]\nroute: {receiver: nobody}\n");
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).extracting(n -> n.get("receiver").asText()).containsExactly("team", "team");
        h.removeRouting();
        h.send(firing("r9", "checkout", "warning", null, T1, OPS)).advance(Duration.ofMinutes(2));
        assertThat(h.notifications()).isEmpty();
    }

    private static List<String> alertKeys(JsonNode notification) {
        return StreamSupport.stream(notification.get("alerts").spliterator(), false).map(a -> a.get("alertKey").asText()).toList();
    }
}
