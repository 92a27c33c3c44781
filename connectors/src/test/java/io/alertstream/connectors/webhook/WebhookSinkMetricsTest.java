package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.notification.TestNotifications;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * What the notification delivery loop records in the plugin's registry: each outcome of NotificationSinkTask
 * (delivered, rejected, expired, retried) by receiver, the delivery latency from createdAt, the pending gauge.
 * Each test uses its own connector name, so the shared registry's other series do not interfere.
 */
class WebhookSinkMetricsTest {
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("k1", "critical", "CPU at 97%", 97, 90));

    private final WebhookSinkTaskTest.FakeSender sender = new WebhookSinkTaskTest.FakeSender();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
    private final AtomicLong clock = new AtomicLong(Instant.parse("2026-11-21T10:00:00Z").toEpochMilli());
    private final String connector = "webhook-metrics-" + UUID.randomUUID();

    private WebhookSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("name", connector);
        props.put(ConnectorMetrics.TASK_INDEX_CONFIG, "2");
        props.put("retry.backoff.ms", "100");
        props.put("retry.backoff.max.ms", "1000");
        props.put("webhook.allowed.url.prefixes", "https://hooks.example.com/,https://down.example.com/");
        props.putAll(overrides);
        WebhookSinkTask task = new WebhookSinkTask(config -> sender, clock::get);
        task.initialize(context);
        task.start(props);
        return task;
    }

    private static SinkRecord record(long offset, Object value) {
        return TestRecords.record("notifications", 0, offset, value, 1L);
    }

    private static Map<String, Object> to(String receiver, String id, String url, String createdAt) {
        Map<String, Object> notification = TestNotifications.webhook(id, url, null, null, ALERTS);
        notification.put("receiver", receiver);
        notification.put("createdAt", createdAt);
        return notification;
    }

    private double count(String receiver, String outcome) {
        Counter counter = ConnectorMetrics.registry().find(ConnectorMetrics.NOTIFICATIONS)
                .tags("connector", connector, "task", "2", "channel", "webhook", "receiver", receiver, "outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double pending() {
        Gauge gauge = ConnectorMetrics.registry().find(ConnectorMetrics.NOTIFICATIONS_PENDING)
                .tags("connector", connector, "task", "2", "channel", "webhook").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    @Test
    void deliveriesShouldBeCountedPerReceiverWithTheirLatencyFromCreatedAt() {
        WebhookSinkTask task = start(Map.of());
        clock.addAndGet(3_000);

        task.put(List.of(record(0, to("ops", "n-1", "https://hooks.example.com/a", "2026-11-21T10:00:00Z")),
                record(1, to("ops", "n-2", "https://hooks.example.com/a", "2026-11-21T10:00:02Z")),
                record(2, to("dev", "n-3", "https://hooks.example.com/b", "not a time")),
                record(3, TestNotifications.email("n-4", List.of("a@example.com"), List.of(), List.of(), ALERTS))));

        assertThat(count("ops", "delivered")).isEqualTo(2);
        assertThat(count("dev", "delivered")).as("counted even without a readable createdAt").isEqualTo(1);
        assertThat(count("payments-oncall", "delivered")).as("email notifications are not this sink's").isZero();
        Timer ops = ConnectorMetrics.registry().find(ConnectorMetrics.NOTIFICATION_DELIVERY)
                .tags("connector", connector, "receiver", "ops").timer();
        assertThat(ops.count()).isEqualTo(2);
        assertThat(ops.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_000 + 1_000);
        assertThat(ConnectorMetrics.registry().find(ConnectorMetrics.NOTIFICATION_DELIVERY)
                .tags("connector", connector, "receiver", "dev").timer()).isNull();
        assertThat(pending()).isZero();
    }

    @Test
    void refusalsRetriesAndExpiriesShouldEachHaveTheirOutcome() {
        WebhookSinkTask task = start(Map.of("notify.max.delivery.age.ms", "5000"));
        sender.statuses.add(400);
        task.put(List.of(record(0, to("refusing", "n-1", "https://hooks.example.com/r", "2026-11-21T10:00:00Z")),
                record(1, "not json")));
        assertThat(count("refusing", "rejected")).isEqualTo(1);
        assertThat(count("(unreadable)", "rejected")).isEqualTo(1);

        sender.down.add("down.example.com");
        task.put(List.of(record(2, to("", "n-2", "https://down.example.com/x", "2026-11-21T10:00:00Z"))));
        assertThat(count("(none)", "retried")).isEqualTo(1);
        assertThat(pending()).isEqualTo(1);

        clock.addAndGet(5_000);
        task.put(List.of());
        assertThat(count("(none)", "retried")).isEqualTo(2);
        assertThat(count("(none)", "expired")).isEqualTo(1);
        assertThat(count("(none)", "delivered")).isZero();
        assertThat(pending()).isZero();
        assertThat(context.reported).hasSize(3);
    }

    @Test
    void aRestartedTaskShouldOwnThePendingGaugeEvenIfTheOldInstanceStopsAfterIt() {
        WebhookSinkTask old = start(Map.of());
        sender.down.add("down.example.com");
        old.put(List.of(record(0, to("ops", "n-1", "https://down.example.com/x", "2026-11-21T10:00:00Z"))));
        assertThat(pending()).isEqualTo(1);

        WebhookSinkTask restarted = start(Map.of());
        assertThat(pending()).as("the new instance's lanes").isZero();
        old.stop();
        assertThat(pending()).as("still the new instance's gauge").isZero();
        restarted.stop();
        assertThat(pending()).isNaN();
    }

    @Test
    void stoppingTheTaskShouldRemoveItsPendingGaugeButKeepItsCounters() {
        WebhookSinkTask task = start(Map.of());
        task.put(List.of(record(0, to("ops", "n-1", "https://hooks.example.com/a", "2026-11-21T10:00:00Z"))));
        task.stop();

        assertThat(pending()).isNaN();
        assertThat(count("ops", "delivered")).isEqualTo(1);
        assertThat(ConnectorMetrics.scrape()).contains("alertstream_connector_notifications_total{channel=\"webhook\",connector=\""
                + connector + "\",outcome=\"delivered\",receiver=\"ops\",task=\"2\"} 1.0");
    }
}
