package io.alertstream.topology.notify;

import static io.alertstream.topology.notify.NotifyHarness.firing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The compacted routing topic feeds a global store on the global thread. Given a good routing, when bad
 * records arrive (overflowing durations, a non-RE2 pattern, malformed YAML, JSON null, a huge value, a
 * wrong key), then nothing throws and alerts are still notified under the routing in force.
 */
class RoutingTopicBadRecordTest {
    private static final String GOOD = """
            receivers:
              - {name: team, email: {to: [team@example.com]}}
            route: {receiver: team, group_wait: 0s}
            """;
    private final NotifyHarness h = new NotifyHarness().routing(GOOD);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void shouldKeepTheRoutingInForceWhenBadRoutingRecordsArrive() {
        h.routing(GOOD.replace("group_wait: 0s", "repeat_interval: 200000000000d"))
                .routing(GOOD.replace("group_wait: 0s", "group_interval: 99999999999999999999s"))
                .routing(GOOD + "  routes: [{match_re: {service: '(a)\\\\1'}, receiver: team}]")
                .routing("receivers: [\n  - {name: ")
                .routing("null")
                .routing("x: " + "y".repeat(2 * 1024 * 1024))
                .routing("[".repeat(5_000))
                .routing("receivers:\n  - {name: team, webhooks: [{url: \"ftp://secret-token@hooks\"}]}\nroute: {receiver: team}\n");
        h.advance(Duration.ofSeconds(2));
        h.send(firing("r1", "checkout", "warning", null, "2026-01-01T00:00:00Z", Map.of("team", "ops")));
        h.advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).extracting(n -> n.get("receiver").asText()).containsExactly("team");
    }
}
