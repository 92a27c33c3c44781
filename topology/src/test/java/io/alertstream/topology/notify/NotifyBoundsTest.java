package io.alertstream.topology.notify;

import static io.alertstream.topology.notify.NotifyHarness.firing;
import static io.alertstream.topology.notify.NotifyHarness.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notification records and group state stay bounded: a group of 500 alerts of 2 KB each (1 MB, over the
 * broker's default message size) is cut to {@code max.group.bytes}, a notification lists at most
 * {@code max.alerts.per.notification} alerts with the rest in {@code omittedAlerts}, and long label
 * values are cut before grouping. Every alert a bound drops is counted in {@code notify-dropped-total}, and
 * nothing else is.
 */
class NotifyBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DROPPED = "notify-dropped-total";
    private static final String ROUTING = """
            receivers:
              - {name: team, email: {to: [team@example.com]}}
            route: {receiver: team, group_wait: 30s, group_by: [rule]}
            """;
    private final NotifyHarness h = new NotifyHarness().routing(ROUTING);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldKeepANotificationOfFiveHundredTwoKilobyteAlertsUnderOneMebibyte() throws Exception {
        for (int i = 0; i < 500; i++) {
            ObjectNode alert = JSON.valueToTree(firing("r1", "svc-" + i, "warning", null, "2026-01-01T00:00:00Z", Map.of("team", "ops")));
            alert.put("summary", "s".repeat(2_000));
            h.sendRaw(null, JSON.writeValueAsBytes(alert));
        }
        h.advance(Duration.ofSeconds(31));
        List<JsonNode> out = h.notifications();
        assertThat(out).hasSize(1);
        JsonNode n = out.get(0);
        int listed = n.get("alerts").size();
        int omitted = n.get("omittedAlerts").asInt();
        assertThat(listed).isEqualTo(100);
        assertThat(listed + omitted).as("every firing alert is listed or counted as omitted").isEqualTo(500);
        // 512 KiB of ~2.3 KB alerts: about 220 held, the rest kept out of the group (counted and logged).
        assertThat(h.metric(DROPPED)).as("every alert the group could not hold is counted").isBetween(240.0, 350.0);
        assertThat(JSON.writeValueAsBytes(n).length).isLessThan(1024 * 1024 / 2);
        assertThat(h.deadLetters()).isEmpty();
    }

    @Test
    void shouldCutALongLabelValueBeforeGroupingAndNotifying() throws Exception {
        ObjectNode alert = JSON.valueToTree(firing("r1", "checkout", "warning", null, "2026-01-01T00:00:00Z",
                Map.of("team", "t".repeat(50_000))));
        h.sendRaw(null, alert.toString().getBytes(StandardCharsets.UTF_8)).advance(Duration.ofSeconds(31));
        JsonNode n = h.notifications().get(0);
        String team = n.at("/alerts/0/labels/team").asText();
        assertThat(team).startsWith("t".repeat(AlertIntake.MAX_VALUE_CHARS)).endsWith("[" + (50_000 - AlertIntake.MAX_VALUE_CHARS) + " more chars]");
        assertThat(team.length()).isLessThan(AlertIntake.MAX_VALUE_CHARS + 40);
        assertThat(h.metric(DROPPED)).as("a cut value drops nothing").isZero();
    }

    @Test
    void shouldDropAndCountNewAlertsBeyondMaxAlertsPerGroup() {
        Properties props = new Properties();
        props.put(NotifyConfig.MAX_ALERTS_PER_GROUP_CONFIG, "3");
        try (NotifyHarness small = new NotifyHarness(props).routing(ROUTING)) {
            for (String service : List.of("a", "b", "c", "d", "e")) {
                small.send(firing("r1", service, "warning", null, "2026-01-01T00:00:00Z", Map.of()));
            }
            assertThat(small.metric(DROPPED)).as("the 4th and 5th alert of a group of at most 3").isEqualTo(2);
            // News of an alert the group holds is not a new alert: not dropped.
            small.send(firing("r1", "a", "critical", "warning", "2026-01-01T00:01:00Z", Map.of()));
            assertThat(small.metric(DROPPED)).isEqualTo(2);
            small.advance(Duration.ofSeconds(31));
            JsonNode n = small.notifications().get(0);
            assertThat(n.get("alerts")).extracting(a -> a.at("/group/service").asText()).containsExactly("a", "b", "c");
            assertThat(n.get("omittedAlerts").asInt()).as("d and e fire too: the receiver is told there are more").isEqualTo(2);

            // e resolves: one fewer omitted. b resolves: told, and its place is free for d's next transition.
            small.send(resolved("r1", "e", "warning", "2026-01-01T00:02:00Z", Map.of()));
            small.send(resolved("r1", "b", "warning", "2026-01-01T00:02:00Z", Map.of()));
            small.advance(Duration.ofMinutes(6));
            JsonNode afterResolve = small.notifications().get(0);
            assertThat(afterResolve.get("omittedAlerts").asInt()).as("only d is still kept out").isEqualTo(1);
            small.send(firing("r1", "d", "critical", "warning", "2026-01-01T00:03:00Z", Map.of()));
            assertThat(small.metric(DROPPED)).as("d found room").isEqualTo(2);
            small.advance(Duration.ofMinutes(6));
            JsonNode withD = small.notifications().get(0);
            assertThat(withD.get("alerts")).extracting(a -> a.at("/group/service").asText()).containsExactly("a", "c", "d");
            assertThat(withD.has("omittedAlerts")).as("nothing kept out any more").isFalse();
        }
    }

    @Test
    void shouldListEveryAlertAndNoOmittedCountWhenUnderTheBound() {
        h.send(firing("r1", "a", "warning", null, "2026-01-01T00:00:00Z", Map.of()))
                .send(firing("r1", "b", "warning", null, "2026-01-01T00:00:00Z", Map.of()))
                .advance(Duration.ofSeconds(31));
        JsonNode n = h.notifications().get(0);
        assertThat(n.get("alerts")).hasSize(2);
        assertThat(n.has("omittedAlerts")).isFalse();
        assertThat(h.metric(DROPPED)).isZero();
    }
}
