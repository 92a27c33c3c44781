package io.alertstream.topology.digest;

import static io.alertstream.topology.digest.DigestHarness.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.deadletter.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user's alarms stay under {@link UserAlarms#MAX_STORED_BYTES} whatever the count and id-length
 * settings allow: given ids of 60,000 characters, when more alarms arrive than fit, then the first that
 * does not fit is dead-lettered as at the limit, the store value and the digest stay under 1 MiB, and the
 * oldest CLEARED alarm makes room as with the count limit.
 */
class DigestBoundsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private DigestHarness harness;

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static String id(int i, char fill) {
        return "a" + i + "-" + String.valueOf(fill).repeat(60_000);
    }

    @Test
    void shouldDeadLetterANewAlarmThatWouldTakeTheUserPastTheByteBound() throws Exception {
        Properties p = new Properties();
        p.setProperty(DigestConfig.MAX_ID_LENGTH_CONFIG, "65536");
        harness = new DigestHarness(DigestConfig.from(p));
        int fits = (int) (UserAlarms.MAX_STORED_BYTES / UserAlarms.storedBytes(id(0, 'x')));
        for (int i = 0; i <= fits; i++) {
            harness.change("alice", id(i, 'x'), "WARNING", "2021-06-07T20:40:%02dZ".formatted(i));
        }
        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.ERROR_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("user-alarm-limit");
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetters.ERROR_MESSAGE).value(), StandardCharsets.UTF_8))
                .hasSizeLessThan(1_000);
        assertThat(utf8(dead.get(0).value())).contains(id(fits, 'x'));

        AlarmDigest digest = harness.digestFor("alice");
        assertThat(digest.activeAlarms()).hasSize(fits);
        assertThat(JSON.writeValueAsBytes(digest).length).isLessThan(1024 * 1024);
    }

    @Test
    void shouldForgetTheOldestClearedAlarmToMakeRoomByBytes() {
        Properties p = new Properties();
        p.setProperty(DigestConfig.MAX_ID_LENGTH_CONFIG, "65536");
        harness = new DigestHarness(DigestConfig.from(p));
        int fits = (int) (UserAlarms.MAX_STORED_BYTES / UserAlarms.storedBytes(id(0, 'y')));
        for (int i = 0; i < fits; i++) {
            harness.change("bob", id(i, 'y'), "WARNING", "2021-06-07T20:40:%02dZ".formatted(i));
        }
        harness.change("bob", id(0, 'y'), "CLEARED", "2021-06-07T20:41:00Z");
        harness.change("bob", id(fits, 'y'), "CRITICAL", "2021-06-07T20:42:00Z");
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(harness.digestFor("bob").activeAlarms()).hasSize(fits).extracting(AlarmDigest.ActiveAlarm::alarmId)
                .contains(id(fits, 'y')).doesNotContain(id(0, 'y'));
    }

    @Test
    void shouldLeaveOutTheValueOfADeadLetterThatWouldNotFitUnderTheProducerLimit() {
        harness = new DigestHarness();
        String huge = "{\"UserID\":\"" + "u".repeat(1_040_000) + "\"}";
        harness.rawChange("k", huge);
        assertThat(harness.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.value()).isNull();
            assertThat(new String(d.headers().lastHeader(DeadLetters.DROPPED).value(), StandardCharsets.UTF_8))
                    .startsWith("value (" + huge.getBytes(StandardCharsets.UTF_8).length + " bytes)");
            assertThat(d.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value().length).isLessThan(1_000);
        });
    }

    @Test
    void shouldCountEscapedAndMultiByteCharactersInTheBound() {
        assertThat(UserAlarms.storedBytes("ab")).isEqualTo(UserAlarms.storedBytes("") + 2);
        assertThat(UserAlarms.storedBytes("\u0000\"é€")).isEqualTo(UserAlarms.storedBytes("") + 6 + 2 + 2 + 3);
    }
}
