package io.alertstream.topology.digest;

import static io.alertstream.topology.digest.DigestDeadLetterTest.header;
import static io.alertstream.topology.digest.DigestHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.JsonSerde;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alerts become AlarmStatusChanged messages, one per owner, on the status topic, and so reach digests. */
class AlertBridgeTest {
    private static final String KEY = "checkout-5xx|service=\"checkout\"";

    private final DigestHarness harness = new DigestHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static String alert(String status, String level, String at, String... owners) {
        Alert a = new Alert("id-1", KEY, "checkout-5xx", status, level, null, Map.of("service", "checkout"), 7.0, 6.0,
                new Alert.AlertWindow("2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"), at, at, "summary", Map.of(),
                owners == null ? null : Arrays.asList(owners), List.of("ops@example.com"));
        return utf8(new JsonSerde<>(Alert.class).serializer().serialize("alerts", a));
    }

    @Test
    void shouldWriteOneStatusChangeKeyedByOwnerForEachOwner() {
        harness.alert(alert("FIRING", "warning", "2026-01-01T00:00:20Z", "alice", "bob"));
        List<TestRecord<String, String>> written = harness.statusTopic();
        assertThat(written).extracting(TestRecord::key, TestRecord::value).containsExactly(
                tuple("alice", DigestHarness.statusJson("alice", KEY.replace("\"", "\\\""), "WARNING", "2026-01-01T00:00:20Z")),
                tuple("bob", DigestHarness.statusJson("bob", KEY.replace("\"", "\\\""), "WARNING", "2026-01-01T00:00:20Z")));
    }

    @Test
    void shouldBringFiringAlertsIntoEachOwnersDigest() {
        harness.alert(alert("FIRING", "critical", "2026-01-01T00:00:20.123456789Z", "alice", "bob"));
        for (String owner : List.of("alice", "bob")) {
            assertThat(harness.digestFor(owner).activeAlarms()).extracting(ActiveAlarm::alarmId, ActiveAlarm::status,
                    ActiveAlarm::latestChangedAt).containsExactly(tuple(KEY, "CRITICAL", "2026-01-01T00:00:20.123456789Z"));
        }
    }

    @Test
    void shouldMapLevelsAndResolution() {
        harness.alert(alert("FIRING", "warning", "2026-01-01T00:00:20Z", "alice"));
        harness.alert(alert("FIRING", "critical", "2026-01-01T00:01:20Z", "alice"));
        harness.alert(alert("RESOLVED", null, "2026-01-01T00:02:00Z", "alice"));
        assertThat(harness.statusTopic()).extracting(r -> r.value().replaceAll(".*\"Status\":\"([A-Z]+)\".*", "$1"))
                .containsExactly("WARNING", "CRITICAL", "CLEARED");
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
    }

    @Test
    void shouldBridgeAnAlertWithFieldsItDoesNotKnow() {
        String newer = alert("FIRING", "warning", "2026-01-01T00:00:20Z", "alice").replaceFirst("\\{", "{\"runbook\":\"https://x\",");
        harness.alert(newer);
        assertThat(harness.statusTopic()).extracting(TestRecord::key).containsExactly("alice");
    }

    @Test
    void shouldWriteNothingForAnAlertWithoutOwners() {
        harness.alert(alert("FIRING", "warning", "2026-01-01T00:00:20Z"));
        harness.alert(alert("FIRING", "warning", "2026-01-01T00:00:21Z", (String[]) null));
        assertThat(harness.statusTopic()).isEmpty();
        assertThat(harness.deadLetters()).isEmpty();
    }

    @Test
    void shouldDeadLetterAlertsItCannotMap() {
        harness.alert("not json");
        harness.alert(alert("FIRING", "info", "2026-01-01T00:00:20Z", "alice"));
        harness.alert(alert("PENDING", "warning", "2026-01-01T00:00:20Z", "alice"));
        harness.alert(alert("FIRING", "warning", "soon", "alice"));
        harness.alert(alert("FIRING", "warning", "2026-01-01T00:00:20Z", "alice").replace(KEY.replace("\"", "\\\""), ""));
        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).extracting(d -> header(d, DeadLetters.ERROR_TYPE), d -> header(d, DeadLetters.SOURCE_TOPIC),
                        d -> header(d, DeadLetters.SOURCE_OFFSET))
                .containsExactly(tuple("malformed-alert", "alerts", "0"), tuple("unknown-alert-status", "alerts", "1"),
                        tuple("unknown-alert-status", "alerts", "2"), tuple("bad-changed-at", "alerts", "3"),
                        tuple("missing-alarm-id", "alerts", "4"));
        assertThat(utf8(dead.get(0).value())).isEqualTo("not json");
        assertThat(header(dead.get(1), DeadLetters.ERROR_MESSAGE)).contains("level info");
        assertThat(harness.statusTopic()).isEmpty();
    }

    @Test
    void shouldDeadLetterEachBlankOwnerAndStillServeTheOthers() {
        harness.alert(alert("FIRING", "warning", "2026-01-01T00:00:20Z", "alice", " ", "bob"));
        assertThat(harness.statusTopic()).extracting(TestRecord::key).containsExactly("alice", "bob");
        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetters.ERROR_TYPE)).isEqualTo("missing-user-id");
        assertThat(header(dead.get(0), DeadLetters.ERROR_MESSAGE)).contains("index 1");
    }

    @Test
    void shouldNotReadAlertsWhenTheBridgeIsDisabled() {
        Properties p = new Properties();
        p.setProperty(DigestConfig.BRIDGE_ENABLED_CONFIG, "false");
        try (DigestHarness noBridge = new DigestHarness(DigestConfig.from(p))) {
            assertThat(noBridge.topology().describe().subtopologies()).flatExtracting(TopologyDescription.Subtopology::nodes)
                    .filteredOn(n -> n instanceof TopologyDescription.Source)
                    .flatExtracting(n -> ((TopologyDescription.Source) n).topicSet())
                    .doesNotContain("alerts")
                    .contains("alarm-status-changed", "send-alarm-digest");
        }
    }
}
