package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.notification.TestNotifications;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class WebhookSinkTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("k1", "critical", "CPU at 97%", 97, 90));

    /**
     * Answers with queued statuses (200 when none is queued); -1 means a connection failure. URLs on a host in
     * {@code down} always fail to connect; an id starting with "throw" makes it throw like the JDK client does
     * for a bad header.
     */
    static final class FakeSender implements WebhookSender {
        final List<WebhookRequest> requests = new ArrayList<>();
        final LinkedList<Integer> statuses = new LinkedList<>();
        final java.util.Set<String> down = new java.util.HashSet<>();

        @Override
        public int post(WebhookRequest request) throws IOException {
            requests.add(request);
            if (request.idempotencyKey().startsWith("throw")) {
                throw new IllegalArgumentException("invalid header value: \"" + request.idempotencyKey() + "\"");
            }
            if (down.contains(request.url().getHost())) {
                throw new ConnectException("Connection timed out");
            }
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
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private WebhookSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("retry.backoff.ms", "100");
        props.put("retry.backoff.max.ms", "1000");
        props.put("webhook.timeout.ms", "2000");
        props.put("webhook.allowed.url.prefixes", "https://hooks.example.com/,https://h.example.com/,"
                + "https://down.example.com/,https://hooks.slack.com/");
        props.putAll(overrides);
        WebhookSinkTask task = new WebhookSinkTask(config -> sender, clock::get);
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

    private static Map<String, Object> to(String receiver, String id, String url) {
        Map<String, Object> notification = TestNotifications.webhook(id, url, null, null, ALERTS);
        notification.put("receiver", receiver);
        return notification;
    }

    private static Map<TopicPartition, OffsetAndMetadata> offsets(long next) {
        return Map.of(new TopicPartition("notifications", 1), new OffsetAndMetadata(next));
    }

    @Test
    void aFailingReceiverShouldWaitInItsOwnLaneWhileOthersAreDeliveredAndOffsetsHeldBack() {
        WebhookSinkTask task = start(Map.of());
        sender.down.add("down.example.com");

        task.put(List.of(record(0, to("ops", "n-1", "https://down.example.com/x")),
                record(1, to("dev", "n-2", "https://h.example.com/a")),
                record(2, to("ops", "n-3", "https://down.example.com/x")),
                record(3, to("dev", "n-4", "https://h.example.com/a"))));

        // A lane never seen failing goes in record order; from now on the failing "ops" lane goes last.
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey).containsExactly("n-1", "n-2", "n-4");
        assertThat(task.pendingNotifications()).isEqualTo(2);
        assertThat(task.preCommit(offsets(4))).isEqualTo(offsets(0));

        sender.requests.clear();
        task.put(List.of(record(4, to("dev", "n-5", "https://h.example.com/a"))));
        assertThat(sender.requests).as("the failing lane waits for its backoff").extracting(WebhookRequest::idempotencyKey)
                .containsExactly("n-5");

        sender.down.clear();
        clock.addAndGet(1_000);
        task.put(List.of());
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey).containsExactly("n-5", "n-1", "n-3");
        assertThat(task.pendingNotifications()).isZero();
        assertThat(task.preCommit(offsets(5))).isEqualTo(offsets(5));
        assertThat(context.reported).isEmpty();
    }

    @Test
    void overloadShouldBeRetriedWithBackoffUntilDelivered() {
        WebhookSinkTask task = start(Map.of());
        sender.statuses.addAll(List.of(503, 429, 408));
        task.put(List.of(record(0, to("ops", "n-1", "https://h.example.com/"))));
        for (int i = 0; i < 3; i++) {
            clock.addAndGet(1_000);
            task.put(List.of());
        }
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey).containsExactly("n-1", "n-1", "n-1", "n-1");
        assertThat(task.pendingNotifications()).isZero();
    }

    @Test
    void aNotificationFailingLongerThanTheMaxDeliveryAgeShouldBeDeadLetteredWithTheReason() {
        WebhookSinkTask task = start(Map.of("notify.max.delivery.age.ms", "5000"));
        sender.down.add("down.example.com");
        task.put(List.of(record(0, to("ops", "n-1", "https://down.example.com/x"))));
        clock.addAndGet(3_000);
        task.put(List.of(record(1, to("ops", "n-2", "https://down.example.com/x"))));
        assertThat(context.reported).isEmpty();

        clock.addAndGet(2_000);
        task.put(List.of());

        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        assertThat(context.reportedErrors.get(0)).hasMessageContaining("n-1")
                .hasMessageContaining("notify.max.delivery.age.ms").hasMessageContaining("Connection timed out")
                .hasMessageContaining("topic 'notifications' partition 1 offset 0");
        assertThat(task.preCommit(offsets(2))).isEqualTo(offsets(1));
    }

    @Test
    void aReceiverWhoseNotificationsExpiredShouldKeepItsBackoffAndNotGoFirst() {
        WebhookSinkTask task = start(Map.of("notify.max.delivery.age.ms", "0"));
        sender.down.add("down.example.com");
        task.put(List.of(record(0, to("ops", "n-1", "https://down.example.com/x"))));
        assertThat(context.reported).hasSize(1);

        task.put(List.of(record(1, to("ops", "n-2", "https://down.example.com/x")),
                record(2, to("dev", "n-3", "https://h.example.com/"))));
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey)
                .as("n-2 waits for the backoff of its receiver").containsExactly("n-1", "n-3");
        assertThat(task.pendingNotifications()).isEqualTo(1);
    }

    @Test
    void whenTheLanesAreFullPutShouldPushBackWithoutTakingTheBatch() {
        WebhookSinkTask task = start(Map.of("notify.max.pending.notifications", "2"));
        sender.down.add("down.example.com");
        task.put(List.of(record(0, to("ops", "n-1", "https://down.example.com/x")),
                record(1, to("ops", "n-2", "https://down.example.com/x"))));

        List<SinkRecord> more = List.of(record(2, to("dev", "n-3", "https://h.example.com/")));
        assertThatThrownBy(() -> task.put(more)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("notify.max.pending.notifications").hasMessageContaining("receiver 'ops'");
        assertThat(context.timeoutMs).isEqualTo(1000);
        assertThat(task.pendingNotifications()).isEqualTo(2);

        sender.down.clear();
        clock.addAndGet(1_000);
        task.put(more);
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey).endsWith("n-1", "n-2", "n-3");
    }

    @Test
    void aNotificationThatMakesTheSenderThrowShouldBeDeadLetteredAndTheTaskGoOn() {
        WebhookSinkTask task = start(Map.of());
        task.put(List.of(record(0, to("ops", "throw\u0001", "https://h.example.com/")),
                record(1, to("ops", "n-2", "https://h.example.com/"))));

        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        assertThat(context.reportedErrors.get(0)).hasMessageContaining("IllegalArgumentException")
                .hasMessageContaining("offset 0").hasMessageContaining("behavior.on.malformed.records")
                .hasMessageNotContaining("\u0001");
        assertThat(sender.requests).extracting(WebhookRequest::idempotencyKey).endsWith("n-2");
    }

    @Test
    void behaviorOnMalformedRecordsShouldApplyToExpiredAndThrowingNotificationsToo() {
        Map<String, String> props = new HashMap<>(Map.of("webhook.allowed.url.prefixes",
                "https://down.example.com/,https://h.example.com/", "retry.backoff.ms", "100",
                "retry.backoff.max.ms", "1000", "notify.max.delivery.age.ms", "1000",
                "behavior.on.malformed.records", "warn"));
        RecordingSinkTaskContext noReporter = new RecordingSinkTaskContext(false);
        WebhookSinkTask warn = new WebhookSinkTask(config -> sender, clock::get);
        warn.initialize(noReporter);
        warn.start(props);
        sender.down.add("down.example.com");
        warn.put(List.of(record(0, to("ops", "n-1", "https://down.example.com/x")),
                record(1, to("dev", "throw-1", "https://h.example.com/"))));
        clock.addAndGet(1_000);
        warn.put(List.of());
        assertThat(warn.pendingNotifications()).as("expired and logged, not kept").isZero();
        assertThat(warn.preCommit(offsets(2))).isEqualTo(offsets(2));

        props.put("behavior.on.malformed.records", "fail");
        WebhookSinkTask failing = new WebhookSinkTask(config -> sender, clock::get);
        failing.initialize(noReporter);
        failing.start(props);
        assertThatThrownBy(() -> failing.put(List.of(record(2, to("dev", "throw-2", "https://h.example.com/")))))
                .isInstanceOf(org.apache.kafka.connect.errors.ConnectException.class)
                .hasMessageContaining("behavior.on.malformed.records");
    }

    @Test
    void aRecordMayShortenButNotLengthenTheTimeout() {
        WebhookSinkTask task = start(Map.of());
        task.put(List.of(record(0, TestNotifications.webhook("n-1", "https://h.example.com/", null, 600_000, ALERTS))));
        assertThat(sender.requests.get(0).timeout().toMillis()).isEqualTo(2000);
    }

    @Test
    void credentialsShouldBeSentOnlyToTheirPrefixes() {
        WebhookSinkTask task = start(Map.of("webhook.auth.type", "bearer", "webhook.auth.token", "tok",
                "webhook.auth.url.prefixes", "https://hooks.example.com/team-a"));
        task.put(List.of(record(0, to("a", "n-1", "https://hooks.example.com/team-a/x")),
                record(1, to("b", "n-2", "https://hooks.example.com/team-ab")),
                record(2, to("c", "n-3", "https://h.example.com/team-a/x")),
                record(3, to("d", "n-4", "https://hooks.example.com/team-a/../team-b"))));

        assertThat(sender.requests).extracting(r -> r.authorization().map(p -> p.value()).orElse("-"))
                .containsExactly("Bearer tok", "-", "-", "-");
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
