package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.email.TestNotifications;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class WebhookSinkTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("k1", "critical", "CPU at 97%", 97, 90));

    /** Answers with queued statuses (200 when none is queued); -1 means a connection failure. */
    static final class FakeSender implements WebhookSender {
        final List<WebhookRequest> requests = new ArrayList<>();
        final LinkedList<Integer> statuses = new LinkedList<>();

        @Override
        public int post(WebhookRequest request) throws IOException {
            requests.add(request);
            int status = statuses.isEmpty() ? 200 : statuses.poll();
            if (status < 0) {
                throw new ConnectException("Connection refused");
            }
            return status;
        }

        @Override
        public void close() {
        }
    }

    private final FakeSender sender = new FakeSender();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);

    private WebhookSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("max.retries", "3");
        props.put("retry.backoff.ms", "1");
        props.put("retry.backoff.max.ms", "5");
        props.put("webhook.timeout.ms", "2000");
        props.putAll(overrides);
        WebhookSinkTask task = new WebhookSinkTask(config -> sender);
        task.initialize(context);
        task.start(props);
        return task;
    }

    private static SinkRecord record(long offset, Object value) {
        return TestRecords.record("notifications", 1, offset, value, 1L);
    }

    @Test
    void shouldPostTheNotificationWithItsIdAsIdempotencyKeyAndSkipEmailNotifications() throws Exception {
        WebhookSinkTask task = start(Map.of());
        Map<String, Object> notification = TestNotifications.webhook("n-1", "https://hooks.example.com/a", "json", 750, ALERTS);

        task.put(List.of(record(0, notification),
                record(1, TestNotifications.email("n-2", List.of("a@example.com"), List.of(), List.of(), ALERTS))));

        assertThat(sender.requests).singleElement().satisfies(request -> {
            assertThat(request.idempotencyKey()).isEqualTo("n-1");
            assertThat(request.url()).hasToString("https://hooks.example.com/a");
            assertThat(request.timeout().toMillis()).as("the record's timeoutMs wins").isEqualTo(750);
            assertThat(JSON.readTree(request.body())).isEqualTo(JSON.valueToTree(notification));
        });
    }

    @Test
    void slackFormatAndDefaultTimeoutShouldApplyPerRecord() throws Exception {
        WebhookSinkTask task = start(Map.of("webhook.format.default", "slack"));

        task.put(List.of(record(0, TestNotifications.webhook("n-1", "https://hooks.slack.com/x", null, null, ALERTS))));

        JsonNode body = JSON.readTree(sender.requests.get(0).body());
        assertThat(body.get("text").asText()).contains("[critical] CPU at 97%");
        assertThat(body.has("blocks")).isTrue();
        assertThat(sender.requests.get(0).timeout().toMillis()).isEqualTo(2000);
    }

    @Test
    void overloadAndOutageShouldBeRetriedThenHandedBackToConnect() {
        WebhookSinkTask task = start(Map.of());
        sender.statuses.addAll(List.of(503, 429, -1, 200));
        task.put(List.of(record(0, TestNotifications.webhook("n-1", "https://h.example.com/", null, null, ALERTS))));
        assertThat(sender.requests).hasSize(4);

        sender.requests.clear();
        sender.statuses.addAll(List.of(200, 500, 500, 500, 500));
        List<SinkRecord> batch = List.of(
                record(1, TestNotifications.webhook("n-2", "https://h.example.com/", null, null, ALERTS)),
                record(2, TestNotifications.webhook("n-3", "https://h.example.com/", null, null, ALERTS)));
        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("n-3").hasMessageContaining("answered HTTP 500")
                .hasMessageContaining("partition 1 offset 2");
        assertThat(context.timeoutMs).isEqualTo(5);

        task.put(batch);
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey)
                .containsExactly("n-2", "n-3", "n-3", "n-3", "n-3", "n-3");
    }

    @Test
    void clientErrorsAndDisallowedUrlsShouldGoToTheErrantRecordReporterWithoutACall() {
        WebhookSinkTask task = start(Map.of("webhook.allowed.url.prefixes", "https://hooks.example.com/"));
        sender.statuses.add(400);

        task.put(List.of(
                record(0, TestNotifications.webhook("n-1", "https://hooks.example.com/a", null, null, ALERTS)),
                record(1, TestNotifications.webhook("n-2", "http://169.254.169.254/latest", null, null, ALERTS)),
                record(2, TestNotifications.webhook("n-3", "https://hooks.example.com/a", "xml", null, ALERTS)),
                record(3, TestNotifications.webhook("n-4", "https://hooks.example.com/a", null, -5, ALERTS)),
                record(4, Map.of("id", "n-5", "channel", "webhook"))));

        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey).containsExactly("n-1");
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(context.reportedErrors.get(0)).hasMessageContaining("answered HTTP 400")
                .hasMessageContaining("topic 'notifications' partition 1 offset 0")
                .hasMessageContaining("behavior.on.malformed.records");
        assertThat(context.reportedErrors.get(1)).hasMessageContaining("webhook.allowed.url.prefixes");
        assertThat(context.reportedErrors.get(2)).hasMessageContaining("webhook.format 'xml'");
        assertThat(context.reportedErrors.get(3)).hasMessageContaining("webhook.timeoutMs");
        assertThat(context.reportedErrors.get(4)).hasMessageContaining("no webhook.url");
    }
}
