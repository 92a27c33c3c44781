package io.alertstream.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.api.ApiTopology;
import io.alertstream.topology.model.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's alert stores (TopologyTestDriver on {@link ApiTopology#build}): firing, recent transitions, history. */
class AlertViewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> alerts;
    private KeyValueStore<String, Alert> firing;
    private KeyValueStore<String, Transitions> transitions;
    private WindowStore<String, Alert> history;

    @BeforeEach
    void start() {
        ApiTopics topics = new ApiTopics("users", "api-tokens", "events", "alerts", "rules", "rule-problems");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alert-views-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ApiTopology.build(topics), p);
        alerts = driver.createInputTopic("alerts", new StringSerializer(), new StringSerializer());
        firing = driver.getKeyValueStore(ApiStores.FIRING);
        transitions = driver.getKeyValueStore(ApiStores.TRANSITIONS);
        history = driver.getWindowStore(ApiStores.HISTORY);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    static Alert alert(String key, String id, String status, int secondsAfterT0) {
        return new Alert(id, key, "rule-a", status, Alert.FIRING.equals(status) ? "critical" : null, null, Map.of("service", "checkout"),
                5.0, 3.0, null, T0.toString(), T0.plusSeconds(secondsAfterT0).toString(), "too many errors",
                Map.of("team", "payments"), List.of("alice"), List.of("oncall@example.com"));
    }

    private void send(Alert a) throws Exception {
        alerts.pipeInput(a.alertKey(), JSON.writeValueAsString(a));
    }

    @Test
    void shouldRemoveAResolvedAlertFromTheFiringStore() throws Exception {
        send(alert("k1", "f1", Alert.FIRING, 0));
        assertThat(firing.get("k1")).isNotNull().extracting(Alert::id).isEqualTo("f1");

        send(alert("k1", "r1", Alert.RESOLVED, 10));

        assertThat(firing.get("k1")).isNull();
        assertThat(transitions.get("k1").items()).extracting(Alert::id).containsExactly("f1", "r1");
    }

    @Test
    void shouldNotResurrectAResolvedAlertOnReplayOrReordering() throws Exception {
        Alert fired = alert("k1", "f1", Alert.FIRING, 0);
        send(fired);
        send(alert("k1", "r1", Alert.RESOLVED, 10));

        send(fired);                                        // replay of the same transition
        send(alert("k1", "f0", Alert.FIRING, 5));           // an older transition arriving late

        assertThat(firing.get("k1")).isNull();
        assertThat(transitions.get("k1").items()).extracting(Alert::id).containsExactly("f1", "f0", "r1");
        send(alert("k1", "f2", Alert.FIRING, 20));          // a newer one does fire again
        assertThat(firing.get("k1")).extracting(Alert::id).isEqualTo("f2");
    }

    @Test
    void shouldKeepTheLastTransitionsOfAKeyOnceEach() throws Exception {
        for (int i = 0; i < Transitions.MAX + 10; i++) {
            send(alert("k1", "t" + i, i % 2 == 0 ? Alert.FIRING : Alert.RESOLVED, i));
        }
        send(alert("k1", "t" + (Transitions.MAX + 9), Alert.RESOLVED, Transitions.MAX + 9)); // duplicate id

        List<Alert> kept = transitions.get("k1").items();
        assertThat(kept).hasSize(Transitions.MAX);
        assertThat(kept.get(0).id()).isEqualTo("t10");
        assertThat(kept.get(kept.size() - 1).id()).isEqualTo("t" + (Transitions.MAX + 9));
        assertThat(kept.stream().map(Alert::id).distinct().count()).isEqualTo(Transitions.MAX);
    }

    @Test
    void shouldIndexTransitionsByTimeForHistory() throws Exception {
        send(alert("k1", "f1", Alert.FIRING, 0));
        send(alert("k2", "f2", Alert.FIRING, 60));
        send(alert("k1", "r1", Alert.RESOLVED, 120));
        send(alert("k1", "r1", Alert.RESOLVED, 120));

        List<String> ids = new ArrayList<>();
        try (var it = history.fetchAll(T0.plusSeconds(30), T0.plusSeconds(200))) {
            it.forEachRemaining(kv -> ids.add(kv.value.id()));
        }
        assertThat(ids).containsExactlyInAnyOrder("f2", "r1");
    }

    @Test
    void shouldSkipMalformedRecordsAndGoOn() throws Exception {
        alerts.pipeInput("bad", "{not json");
        alerts.pipeInput("bad", "{\"id\":\"x\",\"status\":\"FIRING\",\"at\":\"yesterday\"}");
        alerts.pipeInput(null, JSON.writeValueAsString(alert("k9", "n", Alert.FIRING, 0)));
        send(alert("k1", "f1", Alert.FIRING, 0));

        assertThat(firing.get("bad")).isNull();
        List<KeyValue<String, Alert>> all = new ArrayList<>();
        try (var it = firing.all()) {
            it.forEachRemaining(all::add);
        }
        assertThat(all).extracting(kv -> kv.key).containsExactly("k1");
    }
}
