package io.alertstream.topology.digest;

import static io.alertstream.topology.digest.DigestHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.deadletter.DeadLetters;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed inputs go to the dead-letter topic with their original key and value, the reason and the
 * origin in headers; the stream goes on.
 */
class DigestDeadLetterTest {
    private static final String OK_TIME = "2021-06-07T20:40:15.598765212Z";

    private DigestHarness harness = new DigestHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    static Stream<Arguments> malformedStatusChanges() {
        return Stream.of(
                Arguments.of("not JSON", "AlarmID=a1", "malformed-json", "malformed JSON"),
                Arguments.of("truncated JSON", "{\"AlarmID\":\"a1\",", "malformed-json", "malformed JSON"),
                Arguments.of("trailing garbage", DigestHarness.statusJson("alice", "a1", "WARNING", OK_TIME) + " x",
                        "malformed-json", "malformed JSON"),
                Arguments.of("a JSON array", "[1,2]", "not-an-object", "not a AlarmStatusChanged object"),
                Arguments.of("an empty value", "", "empty", "no value"),
                Arguments.of("missing UserID", "{\"AlarmID\":\"a1\",\"Status\":\"WARNING\",\"ChangedAt\":\"" + OK_TIME + "\"}",
                        "missing-user-id", "UserID is missing"),
                Arguments.of("null UserID", "{\"UserID\":null,\"AlarmID\":\"a1\",\"Status\":\"WARNING\",\"ChangedAt\":\"" + OK_TIME + "\"}",
                        "missing-user-id", "UserID is missing"),
                Arguments.of("blank UserID", DigestHarness.statusJson("  ", "a1", "WARNING", OK_TIME), "missing-user-id", "UserID is blank"),
                Arguments.of("numeric UserID", "{\"UserID\":42,\"AlarmID\":\"a1\",\"Status\":\"WARNING\",\"ChangedAt\":\"" + OK_TIME + "\"}",
                        "missing-user-id", "UserID must be a string"),
                Arguments.of("missing AlarmID", "{\"UserID\":\"alice\",\"Status\":\"WARNING\",\"ChangedAt\":\"" + OK_TIME + "\"}",
                        "missing-alarm-id", "AlarmID is missing"),
                Arguments.of("blank AlarmID", DigestHarness.statusJson("alice", "", "WARNING", OK_TIME), "missing-alarm-id", "AlarmID is blank"),
                Arguments.of("unknown Status", DigestHarness.statusJson("alice", "a1", "OK", OK_TIME), "unknown-status",
                        "Status \"OK\" is not one of"),
                Arguments.of("lower-case Status", DigestHarness.statusJson("alice", "a1", "warning", OK_TIME), "unknown-status",
                        "exact spelling"),
                Arguments.of("missing Status", "{\"UserID\":\"alice\",\"AlarmID\":\"a1\",\"ChangedAt\":\"" + OK_TIME + "\"}",
                        "unknown-status", "Status is missing"),
                Arguments.of("unparsable ChangedAt", DigestHarness.statusJson("alice", "a1", "WARNING", "yesterday"), "bad-changed-at",
                        "ChangedAt \"yesterday\" is not an RFC 3339 time"),
                Arguments.of("ChangedAt without offset", DigestHarness.statusJson("alice", "a1", "WARNING", "2021-06-07T20:40:15"),
                        "bad-changed-at", "is not an RFC 3339 time"),
                Arguments.of("ChangedAt with 10 fraction digits", DigestHarness.statusJson("alice", "a1", "WARNING",
                        "2021-06-07T20:40:15.1234567890Z"), "bad-changed-at", "is not an RFC 3339 time"),
                Arguments.of("numeric ChangedAt", "{\"UserID\":\"alice\",\"AlarmID\":\"a1\",\"Status\":\"WARNING\",\"ChangedAt\":1623098415}",
                        "bad-changed-at", "is not a string"),
                Arguments.of("missing ChangedAt", "{\"UserID\":\"alice\",\"AlarmID\":\"a1\",\"Status\":\"WARNING\"}",
                        "bad-changed-at", "ChangedAt is missing"),
                Arguments.of("too long AlarmID", DigestHarness.statusJson("alice", "x".repeat(257), "WARNING", OK_TIME), "id-too-long",
                        "AlarmID has 257 characters, more than alertstream.digest.max.id.length=256"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedStatusChanges")
    void shouldDeadLetterAMalformedStatusChangeWithTheReasonAndGoOn(String kind, String value, String type, String message) {
        harness.change("alice", "before", "WARNING", OK_TIME);   // offset 0
        harness.rawChange("original-key", value);                 // offset 1
        harness.change("alice", "after", "CRITICAL", OK_TIME);   // offset 2

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(1);
        TestRecord<byte[], byte[]> d = dead.get(0);
        assertThat(utf8(d.key())).isEqualTo("original-key");
        assertThat(utf8(d.value())).isEqualTo(value);
        assertThat(header(d, DeadLetters.ERROR_TYPE)).isEqualTo(type);
        assertThat(header(d, DeadLetters.ERROR_MESSAGE)).contains(message);
        assertThat(header(d, DeadLetters.SOURCE_TOPIC)).isEqualTo("alarm-status-changed");
        assertThat(header(d, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(d, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(harness.digestFor("alice").activeAlarms()).extracting(AlarmDigest.ActiveAlarm::alarmId)
                .containsExactly("after", "before");
    }

    @Test
    void shouldDeadLetterAMalformedDigestRequestWithoutADigest() {
        harness.rawRequest("k", "{\"User\":\"alice\"}");
        harness.rawRequest(null, "alice");
        harness.request("alice");
        assertThat(harness.digests()).extracting(AlarmDigest::userId).containsExactly("alice");
        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).extracting(d -> utf8(d.value()), d -> header(d, DeadLetters.ERROR_TYPE), d -> header(d, DeadLetters.SOURCE_TOPIC),
                        d -> header(d, DeadLetters.SOURCE_OFFSET))
                .containsExactly(tuple("{\"User\":\"alice\"}", "missing-user-id", "send-alarm-digest", "0"),
                        tuple("alice", "malformed-json", "send-alarm-digest", "1"));
    }

    @Test
    void shouldDeadLetterANewAlarmOfAUserWhoseAlarmsAreAllActiveAtTheLimitNamingItsOrigin() {
        harness.close();
        Properties p = new Properties();
        p.setProperty(DigestConfig.MAX_ALARMS_PER_USER_CONFIG, "2");
        harness = new DigestHarness(DigestConfig.from(p));
        harness.change("alice", "a1", "WARNING", "2021-06-07T20:40:01Z");
        harness.change("alice", "a2", "CRITICAL", "2021-06-07T20:40:02Z");
        harness.change("key-3", "alice", "a3", "WARNING", "2021-06-07T20:40:03Z"); // offset 2: no room
        harness.change("alice", "a1", "CLEARED", "2021-06-07T20:40:04Z");           // known alarm: always applied
        harness.change("bob", "b1", "WARNING", "2021-06-07T20:40:05Z");             // another user: unaffected

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(1);
        TestRecord<byte[], byte[]> d = dead.get(0);
        assertThat(utf8(d.key())).isEqualTo("alice");
        assertThat(utf8(d.value())).isEqualTo(DigestHarness.statusJson("alice", "a3", "WARNING", "2021-06-07T20:40:03Z"));
        assertThat(header(d, DeadLetters.ERROR_TYPE)).isEqualTo("user-alarm-limit");
        assertThat(header(d, DeadLetters.ERROR_MESSAGE)).contains("alertstream.digest.max.alarms.per.user");
        assertThat(header(d, DeadLetters.SOURCE_TOPIC)).isEqualTo("alarm-status-changed");
        assertThat(header(d, DeadLetters.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(harness.digestFor("alice").activeAlarms()).extracting(AlarmDigest.ActiveAlarm::alarmId).containsExactly("a2");
        assertThat(harness.digestFor("bob").activeAlarms()).extracting(AlarmDigest.ActiveAlarm::alarmId).containsExactly("b1");
    }

    @Test
    void shouldForgetTheOldestClearedAlarmToMakeRoomAtTheLimit() {
        harness.close();
        Properties p = new Properties();
        p.setProperty(DigestConfig.MAX_ALARMS_PER_USER_CONFIG, "3");
        harness = new DigestHarness(DigestConfig.from(p));
        harness.change("alice", "old-cleared", "CLEARED", "2021-06-07T20:40:01Z");
        harness.change("alice", "new-cleared", "CLEARED", "2021-06-07T20:40:02Z");
        harness.change("alice", "a2", "WARNING", "2021-06-07T20:40:03Z");
        harness.change("alice", "a3", "WARNING", "2021-06-07T20:40:04Z"); // forgets old-cleared
        harness.change("alice", "old-cleared", "WARNING", "2021-06-07T20:40:00Z"); // older than the forgotten CLEARED: new again,
        // which needs room in turn: new-cleared is forgotten
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.digestFor("alice").activeAlarms()).extracting(AlarmDigest.ActiveAlarm::alarmId)
                .containsExactly("old-cleared", "a2", "a3");
        UserAlarms stored = harness.driver().<String, UserAlarms>getKeyValueStore(StoreNames.DIGEST_USER_ALARMS).get("alice");
        assertThat(stored.view()).containsOnlyKeys("old-cleared", "a2", "a3");
        assertThat(harness.storeSize(StoreNames.DIGEST_CLEARED_INDEX)).isZero();
    }

    static String header(TestRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : utf8(h.value());
    }
}
