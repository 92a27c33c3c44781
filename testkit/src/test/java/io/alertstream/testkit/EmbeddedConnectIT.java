package io.alertstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The in-process Connect worker running {@link RecordingSinkConnector}, found via META-INF/services. */
class EmbeddedConnectIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedKafka kafka;
    private static EmbeddedConnect connect;

    @BeforeAll
    static void startServices() {
        kafka = EmbeddedKafka.start();
        connect = EmbeddedConnect.start(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopServices() {
        if (connect != null) {
            connect.close();
        }
        kafka.close();
    }

    @Test
    void shouldRunATestSinkConnectorThatReceivesRecords() throws Exception {
        kafka.createTopic("connect-in", 1, Map.of());
        connect.putConnector("recorder", Map.of(
            "connector.class", RecordingSinkConnector.class.getName(),
            "tasks.max", "1",
            "topics", "connect-in"));

        connect.awaitConnectorRunning("recorder", 1, TIMEOUT);
        KafkaTestClients.send(kafka.bootstrapServers(), "connect-in", "{\"n\":1}", "{\"n\":2}");

        Waits.until(() -> RecordingSinkConnector.received("recorder").size() >= 2, TIMEOUT,
            () -> "sink received only " + RecordingSinkConnector.received("recorder"));
        // JsonConverter with schemas disabled turns JSON objects into maps.
        assertThat(RecordingSinkConnector.received("recorder")).containsExactly(Map.of("n", 1L), Map.of("n", 2L));
        assertThat(connect.connectorStatus("recorder")).contains("\"state\":\"RUNNING\"");
        assertThat(connect.restUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void shouldRejectAConnectorWithAnUnknownClassShowingTheRestError() {
        assertThatThrownBy(() -> connect.putConnector("broken", Map.of(
            "connector.class", "com.example.DoesNotExist", "topics", "x")))
            .hasMessageContaining("answered 4")
            .hasMessageContaining("DoesNotExist");
    }

    @Test
    void shouldDeleteAConnector() {
        kafka.createTopic("connect-delete", 1, Map.of());
        connect.putConnector("short-lived", Map.of(
            "connector.class", RecordingSinkConnector.class.getName(), "topics", "connect-delete"));
        connect.awaitConnectorRunning("short-lived", 1, TIMEOUT);

        connect.deleteConnector("short-lived");

        Waits.until(() -> {
            try {
                connect.connectorStatus("short-lived");
                return false;
            } catch (IllegalStateException e) {
                return e.getMessage().contains("answered 404");
            }
        }, TIMEOUT, () -> "connector still known after delete");
    }

    @Test
    void shouldReportTheStatusWhenTheConnectorDoesNotReachRunning() {
        kafka.createTopic("connect-two-tasks", 1, Map.of());
        connect.putConnector("single-task", Map.of(
            "connector.class", RecordingSinkConnector.class.getName(), "topics", "connect-two-tasks"));

        // The connector only ever creates one task, so waiting for two must fail with the status.
        assertThatThrownBy(() -> connect.awaitConnectorRunning("single-task", 2, Duration.ofSeconds(5)))
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("\"tasks\"");
    }
}
