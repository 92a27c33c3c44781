package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.topology.StoreNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The store and repartition formats round-trip without losing precision, and the user store is logged. */
class DigestStateFormatTest {
    private final UserAlarmsSerde serde = new UserAlarmsSerde();

    @Test
    void shouldRoundTripUserAlarmsKeepingTheReceivedTextAndNanoseconds() {
        TreeMap<String, AlarmState> alarms = new TreeMap<>();
        alarms.put("a1", new AlarmState(AlarmStatus.WARNING, ChangedAt.parse("2021-06-07T22:40:15.598765212+02:00"),
                ChangedAt.parse("2021-06-07T20:00:00Z"), AlarmStatus.WARNING, ChangedAt.parse("2021-06-07T20:00:00Z")));
        alarms.put("a2", new AlarmState(AlarmStatus.CLEARED, ChangedAt.parse("2021-06-07T20:40:15.000000001Z"),
                ChangedAt.parse("2021-06-07T20:40:15.000000001Z"), null, null));
        byte[] bytes = serde.serializer().serialize("t", new UserAlarms(alarms));
        UserAlarms back = serde.deserializer().deserialize("t", bytes);
        assertThat(back.view()).isEqualTo(alarms);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"v\":1,").doesNotContain("null");
    }

    @Test
    void shouldRefuseAnUnknownStoreFormatVersion() {
        byte[] future = "{\"v\":2,\"alarms\":{}}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", future))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("v2").hasMessageContaining("changelog");
    }

    @Test
    void shouldRoundTripBothInputTypesThroughTheRepartitionFormat() {
        DigestInputSerde inputs = new DigestInputSerde();
        StatusChange change = new StatusChange("alice", "a1", AlarmStatus.CRITICAL, ChangedAt.parse("2021-06-07T20:40:15.598765212Z"));
        DigestRequest request = new DigestRequest("bob");
        for (DigestInput in : List.of(change, request)) {
            assertThat(inputs.deserializer().deserialize("r", inputs.serializer().serialize("r", in))).isEqualTo(in);
        }
    }

    @Test
    void shouldLogEveryUserStateChangeToTheChangelog() {
        try (DigestHarness harness = new DigestHarness()) {
            harness.change("alice", "a1", "WARNING", "2021-06-07T20:40:15.598765212Z");
            harness.request("alice");
            List<TestRecord<String, byte[]>> changelog = harness.driver().createOutputTopic(
                    DigestHarness.APPLICATION_ID + "-" + StoreNames.DIGEST_USER_ALARMS + "-changelog",
                    new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
            assertThat(changelog).isNotEmpty().allMatch(r -> r.key().equals("alice"));
            AlarmState last = serde.deserializer().deserialize("c", changelog.get(changelog.size() - 1).value()).get("a1");
            assertThat(last.sentStatus()).isEqualTo(AlarmStatus.WARNING);
            assertThat(last.sentFor().text()).isEqualTo("2021-06-07T20:40:15.598765212Z");
        }
    }
}
