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

/** Inhibit rules in the notification path under TopologyTestDriver: a firing source holds back its targets until it resolves. */
class InhibitionTopologyTest {
    private static final String ROUTING = """
            receivers:
              - name: oncall
                email: {to: [oncall@example.com]}
            route:
              receiver: oncall
              group_by: [service]
              group_wait: 30s
              group_interval: 1m
              repeat_interval: 4h
            inhibit_rules:
              - source_match: {rule: db-down}
                target_match_re: {team: "ops|payments"}
                equal: [cluster]
            """;
    private static final String T1 = "2026-01-01T00:00:00Z";
    private static final String T2 = "2026-01-01T00:05:00Z";
    private static final Map<String, String> EU = Map.of("team", "ops", "cluster", "eu");
    private static final Map<String, String> US = Map.of("team", "ops", "cluster", "us");

    private final NotifyHarness h = new NotifyHarness().routing(ROUTING);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldHoldBackTargetsWithTheSourcesEqualLabelsWhileTheSourceFiresAndTellThemWhenItResolves() {
        h.send(firing("db-down", "db", "critical", null, T1, EU));
        h.send(firing("r1", "checkout", "warning", null, T1, EU)).send(firing("r1", "cart", "warning", null, T1, US));
        h.advance(Duration.ofSeconds(31));
        List<JsonNode> out = h.notifications();
        assertThat(out).as("the source itself, and the target of another cluster").extracting(n -> n.get("groupKey").asText())
                .containsExactlyInAnyOrder("{service=\"db\"}", "{service=\"cart\"}");

        h.advance(Duration.ofMinutes(10));
        assertThat(h.notifications()).as("inhibited while the source fires").isEmpty();

        h.send(resolved("db-down", "db", "critical", T2, EU)).advance(Duration.ofSeconds(2));
        out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText() + ":" + n.get("groupKey").asText())
                .containsExactlyInAnyOrder("resolved:{service=\"db\"}", "firing:{service=\"checkout\"}");
        h.advance(Duration.ofHours(1));
        assertThat(h.notifications()).as("told once").isEmpty();
    }

    @Test
    void shouldNotInhibitAnAlertByItself() {
        h.send(firing("db-down", "db", "critical", null, T1, EU)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).extracting(n -> alertKeys(n)).containsExactly(List.of("db-down|db"));
    }

    @Test
    void shouldTellATargetThatStartedFiringDuringTheInhibitionOnceItEnds() {
        h.send(firing("db-down", "db", "critical", null, T1, EU)).advance(Duration.ofSeconds(31));
        h.notifications();
        h.send(firing("r1", "checkout", "warning", null, T2, EU)).advance(Duration.ofMinutes(5));
        assertThat(h.notifications()).isEmpty();
        h.send(resolved("r1", "checkout", "warning", T2, EU)).send(resolved("db-down", "db", "critical", T2, EU))
                .advance(Duration.ofMinutes(5));
        assertThat(h.notifications()).as("the target resolved before anyone was told of it: no news")
                .extracting(n -> n.get("groupKey").asText()).containsExactly("{service=\"db\"}");
    }

    private static List<String> alertKeys(JsonNode notification) {
        return StreamSupport.stream(notification.get("alerts").spliterator(), false).map(a -> a.get("alertKey").asText()).toList();
    }
}
