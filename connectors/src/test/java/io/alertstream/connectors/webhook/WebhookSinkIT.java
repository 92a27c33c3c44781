package io.alertstream.connectors.webhook;

import static io.alertstream.connectors.notification.NotificationItSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.connectors.notification.NotificationItSupport;
import io.alertstream.connectors.notification.TestNotifications;
import io.alertstream.testkit.FreePorts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The webhook sink in a real Connect worker against a real broker and a real local HTTP receiver.
 * Each test has its own topic, connector and URL path.
 */
class WebhookSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "it-token-7f3a";
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("cpu|web-1", "critical", "CPU at 97% on web-1", 97.5, 90));
    private static NotificationItSupport it;
    private static RecordingWebhookServer receiver;

    @BeforeAll
    static void startServices() {
        receiver = new RecordingWebhookServer(FreePorts.find());
        receiver.start();
        it = NotificationItSupport.start();
    }

    @AfterAll
    static void stopServices() {
        if (it != null) {
            it.close();
        }
        if (receiver != null) {
            receiver.stop();
        }
    }

    private static void startConnector(String name, String topic, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", WebhookSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("webhook.allowed.url.prefixes", receiver.url("/"));
        config.put("webhook.auth.type", "bearer");
        config.put("webhook.auth.token", TOKEN);
        config.put("webhook.auth.url.prefixes", receiver.url("/"));
        config.put("webhook.timeout.ms", "3000");
        config.put("webhook.connect.timeout.ms", "1000");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "1000");
        config.put("errors.tolerance", "all"); // the sinks refuse a config where one bad record stops the task
        config.putAll(extra);
        it.startConnector(name, config);
    }

    private static List<RecordingWebhookServer.Received> receivedOn(String path) {
        return receiver.received.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void notificationsShouldArriveWithBodyIdempotencyKeyAuthAndSlackFormat() throws Exception {
        it.kafka.createTopic("notifications-w1", 1, Map.of());
        Map<String, Object> json = TestNotifications.webhook("n-json", receiver.url("/w1/json"), "json", null, ALERTS);
        it.send("notifications-w1", json);
        it.send("notifications-w1", TestNotifications.email("n-mail", List.of("a@example.com"), List.of(), List.of(), ALERTS));
        it.send("notifications-w1", TestNotifications.webhook("n-slack", receiver.url("/w1/slack"), "slack", 2000, ALERTS));
        startConnector("webhook-w1", "notifications-w1",
                Map.of("link.template", "https://kibana.example.com/app/discover#/?q={{alertKey}}"));

        await(() -> receivedOn("/w1/json").size() == 1 && receivedOn("/w1/slack").size() == 1,
                () -> "received " + receiver.received);
        await(() -> it.committedTotal("webhook-w1") == 3, () -> "committed " + it.committedTotal("webhook-w1"));

        RecordingWebhookServer.Received plain = receivedOn("/w1/json").get(0);
        assertThat(JSON.readTree(plain.body())).isEqualTo(JSON.valueToTree(json));
        assertThat(plain.header("Idempotency-Key")).isEqualTo("n-json");
        assertThat(plain.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(plain.header("Content-Type")).startsWith("application/json");

        RecordingWebhookServer.Received slack = receivedOn("/w1/slack").get(0);
        assertThat(slack.header("Idempotency-Key")).isEqualTo("n-slack");
        JsonNode payload = JSON.readTree(slack.body());
        assertThat(payload.get("text").asText()).contains("*firing* for payments-oncall: 1 alert(s)",
                "[critical] CPU at 97% on web-1");
        assertThat(payload.get("blocks").get(1).get("text").get("text").asText())
                .contains("<https://kibana.example.com/app/discover#/?q=cpu%7Cweb-1|Open>");
        assertThat(receiver.received).noneMatch(r -> "n-mail".equals(r.header("Idempotency-Key")));
    }

    @Test
    void aReceiverAnswering503ThenDownThenBackShouldGetEveryNotification() {
        it.kafka.createTopic("notifications-w2", 2, Map.of());
        startConnector("webhook-w2", "notifications-w2", Map.of());
        receiver.answerWith(503);
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> "n-w2-" + i).toList();
        ids.forEach(id -> it.send("notifications-w2",
                TestNotifications.webhook(id, receiver.url("/w2"), "json", null, ALERTS)));

        await(() -> receivedOn("/w2").stream().filter(r -> r.answeredWith() == 503).count() >= 6,
                () -> "503 answers so far: " + receivedOn("/w2").size());
        receiver.stop();
        NotificationItSupport.holdsFor(Duration.ofSeconds(5), () -> assertThat(it.committedTotal("webhook-w2"))
                .as("offsets committed while nothing was delivered").isZero());
        assertThat(it.connect.connectorStatus("webhook-w2")).doesNotContain("FAILED");

        receiver.answerWith(200);
        receiver.start();
        await(() -> delivered("/w2").containsAll(ids), () -> "delivered " + delivered("/w2"));
        await(() -> it.committedTotal("webhook-w2") == 20, () -> "committed " + it.committedTotal("webhook-w2"));
    }

    private static Set<String> delivered(String path) {
        return receivedOn(path).stream().filter(r -> r.answeredWith() == 200)
                .map(r -> r.header("Idempotency-Key")).collect(Collectors.toSet());
    }

    @Test
    void aRejectedNotificationShouldGoToTheDeadLetterTopicWithTheErrorInItsHeaders() {
        it.kafka.createTopic("notifications-w3", 1, Map.of());
        it.send("notifications-w3", TestNotifications.webhook("n-bad", receiver.url("/w3/reject"), "json", null, ALERTS));
        it.send("notifications-w3", TestNotifications.webhook("n-elsewhere", "http://169.254.169.254/latest/meta-data",
                "json", null, ALERTS));
        it.send("notifications-w3", TestNotifications.webhook("n-good", receiver.url("/w3/ok"), "json", null, ALERTS));
        startConnector("webhook-w3", "notifications-w3", Map.of(
                "errors.tolerance", "all",
                "errors.deadletterqueue.topic.name", "notifications-dlq",
                "errors.deadletterqueue.topic.replication.factor", "1",
                "errors.deadletterqueue.context.headers.enable", "true"));

        await(() -> receivedOn("/w3/ok").size() == 1, () -> "received " + receiver.received);
        List<ConsumerRecord<String, String>> dead = it.readAll("notifications-dlq", 2);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("n-bad", "n-elsewhere");
        assertThat(header(dead.get(0), "__connect.errors.exception.message")).contains("answered HTTP 400",
                "topic 'notifications-w3' partition 0 offset 0", "behavior.on.malformed.records");
        assertThat(header(dead.get(0), "__connect.errors.topic")).isEqualTo("notifications-w3");
        assertThat(header(dead.get(1), "__connect.errors.exception.message")).contains("webhook.allowed.url.prefixes");
        assertThat(receivedOn("/w3/reject")).hasSize(1);
        await(() -> it.committedTotal("webhook-w3") == 3, () -> "committed " + it.committedTotal("webhook-w3"));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
