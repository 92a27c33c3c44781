package io.alertstream.topology.notify;

import static io.alertstream.topology.notify.NotifyHarness.firing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.topology.deadletter.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Given a routing in force, when an alert the router cannot route arrives, then it goes to the notify
 * dead-letter topic as it came, with the reason in headers, and alerts after it are still notified.
 */
class NotifyDeadLetterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTING = """
            receivers:
              - {name: team, email: {to: [team@example.com]}}
            route: {receiver: team, group_wait: 0s, group_by: [rule, team]}
            """;
    private final NotifyHarness h = new NotifyHarness().routing(ROUTING);

    @AfterEach
    void close() {
        h.close();
    }

    static ObjectNode validAlert() {
        return JSON.valueToTree(firing("r1", "checkout", "warning", null, "2026-01-01T00:00:00Z", Map.of("team", "ops")));
    }

    private static byte[] mutate(String field, String json) {
        try {
            ObjectNode alert = validAlert();
            alert.set(field, JSON.readTree(json));
            return JSON.writeValueAsBytes(alert);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "ruleId       | null                        | missing-rule-id",
        "alertKey     | null                        | missing-alert-key",
        "alertKey     | '\"  \"'                    | missing-alert-key",
        "labels       | '{\"team\": null}'          | null-label",
        "status       | '\"EXPLODED\"'              | unknown-alert-status",
        "level        | '\"urgent\"'                | unknown-alert-level",
        "previousLevel| '\"page\"'                  | unknown-alert-level",
        "group        | '\"not a map\"'             | malformed-alert",
        "value        | '\"forty-two\"'             | malformed-alert",
        "labels       | '{\"team\": {\"a\": 1}}'    | malformed-alert",
        "owners       | '{\"a\": 1}'                | malformed-alert",
    })
    void shouldDeadLetterAnAlertWithABadFieldAndGoOn(String field, String json, String type) {
        byte[] bad = mutate(field.trim(), json.trim());
        h.sendRaw("k".getBytes(StandardCharsets.UTF_8), bad).advance(Duration.ofSeconds(2));
        assertDeadLettered(bad, type);
        assertThat(h.notifications()).isEmpty();
        assertValidAlertsStillNotified();
    }

    @Test
    void shouldDeadLetterValuesThatAreNotAlertsAtAll() {
        byte[][] values = {"not json".getBytes(StandardCharsets.UTF_8), "null".getBytes(StandardCharsets.UTF_8),
            "[1,2]".getBytes(StandardCharsets.UTF_8), new byte[0], ("{\"a\":" + "[".repeat(2_000)).getBytes(StandardCharsets.UTF_8)};
        String[] types = {"malformed-alert", "malformed-alert", "malformed-alert", "empty", "malformed-alert"};
        for (int i = 0; i < values.length; i++) {
            h.sendRaw(null, values[i]);
            assertDeadLettered(values[i], types[i]);
        }
        h.sendRaw(null, null);
        assertThat(h.deadLetters()).singleElement().satisfies(r -> assertThat(header(r, DeadLetters.ERROR_TYPE)).isEqualTo("empty"));
        assertValidAlertsStillNotified();
    }

    @Test
    void shouldDeadLetterAnAlertLargerThanTheBound() {
        ObjectNode alert = validAlert();
        alert.put("summary", "x".repeat(AlertIntake.MAX_ALERT_BYTES));
        byte[] big = alert.toString().getBytes(StandardCharsets.UTF_8);
        h.sendRaw(null, big);
        assertDeadLettered(big, "alert-too-large");
        assertValidAlertsStillNotified();
    }

    @Test
    void shouldLeaveOutTheValueOfADeadLetterThatWouldNotFitUnderTheProducerLimit() {
        byte[] huge = ("{\"alertKey\":\"" + "x".repeat(1_040_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        h.sendRaw(null, huge);
        assertThat(h.deadLetters()).singleElement().satisfies(r -> {
            assertThat(header(r, DeadLetters.ERROR_TYPE)).isEqualTo("alert-too-large");
            assertThat(r.value()).isNull();
            assertThat(header(r, DeadLetters.DROPPED)).startsWith("value (" + huge.length + " bytes)");
            assertThat(header(r, DeadLetters.SOURCE_OFFSET)).isNotBlank();
        });
        assertValidAlertsStillNotified();
    }

    private void assertDeadLettered(byte[] original, String type) {
        assertThat(h.deadLetters()).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(original);
            assertThat(header(r, DeadLetters.ERROR_TYPE)).isEqualTo(type);
            assertThat(header(r, DeadLetters.ERROR_MESSAGE)).isNotBlank().hasSizeLessThan(1_000);
            assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo("alerts");
        });
    }

    private void assertValidAlertsStillNotified() {
        h.send(firing("r1", "cart", "warning", null, "2026-01-01T00:00:01Z", Map.of("team", "ops"))).advance(Duration.ofSeconds(2));
        assertThat(h.notifications()).isNotEmpty();
        assertThat(h.deadLetters()).isEmpty();
    }

    private static String header(TestRecord<byte[], byte[]> r, String name) {
        Header header = r.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
