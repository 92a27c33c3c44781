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

/** Silences in the notification path under TopologyTestDriver: time-bounded, until resolved, notices, no repeats. */
class SilenceTopologyTest {
    private static final String ROUTING = """
            receivers:
              - name: oncall
                email: {to: [oncall@example.com]}
              - name: alice
                email: {to: [alice@example.com]}
            route:
              receiver: oncall
              group_by: [service]
              group_wait: 30s
              group_interval: 1m
              repeat_interval: 4h
            """;
    private static final Map<String, String> OPS = Map.of("team", "ops");
    private static final String T1 = "2026-01-01T00:00:00Z";
    private static final String T2 = "2026-01-01T00:05:00Z";
    private static final String T3 = "2026-01-01T00:20:00Z";

    private final NotifyHarness h = new NotifyHarness().routing(ROUTING);

    @AfterEach
    void close() {
        h.close();
    }

    private static String silence(String id, String matchers, String startsAt, String endsAt, String until, String createdBy) {
        return "{\"id\":\"" + id + "\",\"matchers\":" + matchers + ",\"starts_at\":" + q(startsAt) + ",\"ends_at\":" + q(endsAt)
                + ",\"until\":" + q(until) + ",\"created_by\":\"" + createdBy + "\",\"comment\":\"deploy\",\"created_at\":\"" + T1 + "\"}";
    }

    private static String q(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    void shouldHoldBackASilencedAlertAndTellItWhenTheSilenceEnds() {
        h.silence("s1", silence("s1", "[\"service=checkout\",\"level=~warn.*\"]", T1, "2026-01-01T00:10:00Z", null, "alice"));
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).send(firing("r1", "cart", "warning", null, T1, OPS));
        h.advance(Duration.ofSeconds(31));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText() + ":" + n.get("receiver").asText())
                .containsExactlyInAnyOrder("silence-started:alice", "firing:oncall");
        assertThat(forReceiver(out, "oncall").get(0).get("groupKey").asText()).as("only the unsilenced group").isEqualTo("{service=\"cart\"}");
        assertThat(forReceiver(out, "alice").get(0).at("/silence/id").asText()).isEqualTo("s1");

        h.advance(Duration.ofMinutes(9));
        assertThat(h.notifications()).as("still silenced").isEmpty();
        h.advance(Duration.ofSeconds(32));
        out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText() + ":" + n.get("receiver").asText())
                .containsExactlyInAnyOrder("silence-ended:alice", "firing:oncall");
        assertThat(alertKeys(forReceiver(out, "oncall").get(0))).containsExactly("r1|checkout");
        h.advance(Duration.ofHours(1));
        assertThat(h.notifications()).as("told once").isEmpty();
    }

    @Test
    void shouldNotRepeatAnAlertToldBeforeTheSilenceWhenItEnds() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).containsExactly("firing");
        h.silence("s1", silence("s1", "[\"service=checkout\"]", null, "2026-01-01T00:10:00Z", null, "nobody"));
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofMinutes(15));
        assertThat(h.notifications()).as("unchanged while silenced and after: no news, and the creator has no address").isEmpty();
        h.send(firing("r1", "checkout", "critical", "warning", T3, OPS)).advance(Duration.ofMinutes(2));
        assertThat(h.notifications()).as("a change after the silence is news").extracting(n -> n.at("/alerts/0/level").asText())
                .containsExactly("critical");
    }

    @Test
    void shouldTellAResolutionOfAnAlertToldBeforeTheSilenceAndTheCreatorThatItResolved() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        h.notifications();
        h.silence("s1", silence("s1", "[\"service=checkout\"]", null, "2026-01-01T02:00:00Z", null, "alice"));
        h.advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).containsExactly("silence-started");
        h.send(resolved("r1", "checkout", "warning", T2, OPS));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText()).containsExactly("silenced-alert-resolved");
        assertThat(out.get(0).at("/email/to/0").asText()).isEqualTo("alice@example.com");
        assertThat(out.get(0).at("/alerts/0/alertKey").asText()).isEqualTo("r1|checkout");
        h.advance(Duration.ofMinutes(2));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).as("oncall was told it fired: it is told it resolved")
                .containsExactly("resolved");
    }

    @Test
    void shouldEndAnUntilResolvedSilenceWhenEverythingItMatchedResolved() {
        h.send(firing("r1", "checkout", "warning", null, T1, OPS));
        h.silence("s2", silence("s2", "[\"service=~check.*\"]", null, null, "resolved", "alice"));
        h.advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).containsExactly("silence-started");
        h.send(firing("r1", "checkout-eu", "warning", null, T2, OPS)).advance(Duration.ofMinutes(1));
        h.send(resolved("r1", "checkout", "warning", T2, OPS)).advance(Duration.ofMinutes(1));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).as("checkout-eu, matched while active, still fires")
                .containsExactly("silenced-alert-resolved");
        assertThat(h.silencesWritten()).as("only the record that it has matched, kept for a restart")
                .extracting(kv -> kv.key).containsExactly("s2#matched");
        h.send(resolved("r1", "checkout-eu", "warning", T3, OPS)).advance(Duration.ofSeconds(2));
        List<JsonNode> out = h.notifications();
        assertThat(out).extracting(n -> n.get("kind").asText()).containsExactly("silenced-alert-resolved", "silence-ended");
        var written = h.silencesWritten();
        assertThat(written).hasSize(1);
        JsonNode ended = json(written.get(0).value);
        assertThat(ended.get("ended_by").asText()).isEqualTo("resolved");
        assertThat(ended.get("ends_at").asText()).isNotEmpty();
        h.send(firing("r1", "checkout", "critical", null, T3, OPS)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).as("the silence is over: a new firing is told")
                .extracting(n -> n.get("kind").asText() + ":" + n.get("receiver").asText()).containsExactly("firing:oncall");
    }

    @Test
    void shouldTellWhatASilenceHeldBackWhenItIsExpiredEarly() {
        String s1 = silence("s1", "[\"service=checkout\"]", null, "2026-01-01T05:00:00Z", null, "alice");
        h.silence("s1", s1).send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofMinutes(10));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).containsExactly("silence-started");
        h.silence("s1", s1.replace("\"ends_at\":\"2026-01-01T05:00:00Z\"", "\"ends_at\":\"2026-01-01T00:10:00Z\"")
                .replace("\"created_at\"", "\"ended_by\":\"expired\",\"created_at\""));
        h.advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText() + ":" + n.get("receiver").asText())
                .containsExactlyInAnyOrder("silence-ended:alice", "firing:oncall");
    }

    @Test
    void shouldSilenceFromStartsAtAndSkipRemindersWhileSilenced() {
        h.silence("s1", silence("s1", "[\"service=checkout\"]", "2026-01-01T00:10:00Z", "2026-01-01T06:00:00Z", null, "nobody"));
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        assertThat(h.notifications()).as("not started yet: told").extracting(n -> n.get("kind").asText()).containsExactly("firing");
        h.advance(Duration.ofHours(5));
        assertThat(h.notifications()).as("no reminder while silenced (repeat_interval 4h)").isEmpty();
        h.advance(Duration.ofMinutes(60));
        assertThat(h.notifications()).as("still firing, unchanged: neither news nor an overdue reminder when the silence ends").isEmpty();
        h.advance(Duration.ofHours(4));
        assertThat(h.notifications()).as("reminders resume a repeat interval after the end").extracting(n -> n.get("kind").asText())
                .containsExactly("repeat");
    }

    @Test
    void shouldDeleteASilenceAWeekAfterItEnded() {
        h.silence("s1", silence("s1", "[\"service=checkout\"]", null, "2026-01-01T00:10:00Z", null, "alice"));
        h.advance(Duration.ofSeconds(2)).advance(Duration.ofMinutes(11));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).containsExactly("silence-started", "silence-ended");
        h.advance(Duration.ofDays(7).minusMinutes(2));
        assertThat(h.silencesWritten()).isEmpty();
        h.advance(Duration.ofMinutes(2));
        var written = h.silencesWritten();
        assertThat(written).hasSize(1);
        assertThat(written.get(0).value).as("a tombstone").isNull();
        h.advance(Duration.ofMinutes(1));
        assertThat(h.silencesWritten()).as("once").isEmpty();
    }

    @Test
    void shouldTellTheCreatorNothingOfAResolutionNoSilenceMatched() {
        h.silence("s1", silence("s1", "[\"service=cart\"]", null, "2026-01-01T05:00:00Z", null, "alice"));
        h.send(firing("r1", "checkout", "warning", null, T1, OPS)).advance(Duration.ofSeconds(31));
        h.notifications();
        h.send(resolved("r1", "checkout", "warning", T2, OPS)).advance(Duration.ofMinutes(2));
        assertThat(h.notifications()).extracting(n -> n.get("kind").asText()).containsExactly("resolved");
    }

    private static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<JsonNode> forReceiver(List<JsonNode> out, String receiver) {
        return out.stream().filter(n -> n.get("receiver").asText().equals(receiver)).toList();
    }

    private static List<String> alertKeys(JsonNode notification) {
        return StreamSupport.stream(notification.get("alerts").spliterator(), false).map(a -> a.get("alertKey").asText()).toList();
    }
}
