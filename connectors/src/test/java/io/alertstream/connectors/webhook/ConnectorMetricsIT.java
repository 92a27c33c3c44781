package io.alertstream.connectors.webhook;

import static io.alertstream.connectors.notification.NotificationItSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.notification.NotificationItSupport;
import io.alertstream.connectors.notification.TestNotifications;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.alertstream.connectors.metrics.ConnectorMetricsRestExtension;
import io.alertstream.connectors.metrics.PrometheusText;
import io.alertstream.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connectors' metrics served by a real Connect worker: {@code rest.extension.classes} names
 * {@link ConnectorMetricsRestExtension}, the webhook sink delivers to a receiver that accepts and one that
 * refuses (HTTP 400), and {@code GET /alertstream/metrics} on the worker's REST port shows exactly what was sent.
 */
class ConnectorMetricsIT {
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("cpu|web-1", "critical", "CPU at 97% on web-1", 97.5, 90));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static NotificationItSupport it;
    private static RecordingWebhookServer receiver;

    @BeforeAll
    static void startServices() {
        receiver = new RecordingWebhookServer(FreePorts.find());
        receiver.start();
        it = NotificationItSupport.start(Map.of("rest.extension.classes", ConnectorMetricsRestExtension.class.getName()));
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

    private static Map<String, Object> to(String receiverName, String id, String path) {
        Map<String, Object> notification = TestNotifications.webhook(id, receiver.url(path), "json", null, ALERTS);
        notification.put("receiver", receiverName);
        notification.put("createdAt", Instant.now().toString());
        return notification;
    }

    @Test
    void theWorkersMetricsEndpointShouldCountWhatWasDeliveredAndRefusedPerReceiver() throws Exception {
        it.kafka.createTopic("notifications-m1", 1, Map.of());
        for (int i = 0; i < 3; i++) {
            it.send("notifications-m1", to("accepting", "n-ok-" + i, "/m1/ok"));
        }
        for (int i = 0; i < 2; i++) {
            it.send("notifications-m1", to("refusing", "n-no-" + i, "/m1/reject"));
        }
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", WebhookSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", "notifications-m1");
        config.put("webhook.allowed.url.prefixes", receiver.url("/"));
        config.put("errors.tolerance", "all");
        config.put("behavior.on.malformed.records", "warn");
        it.startConnector("webhook-m1", config);

        Map<String, String> connector = Map.of("connector", "webhook-m1", "task", "0", "channel", "webhook");
        await(() -> notifications(scrape(), "accepting", "delivered") == 3 && notifications(scrape(), "refusing", "rejected") == 2,
                () -> "receiver got " + receiver.received.size() + " requests; scrape: " + connectorLines(scrapeQuietly()));
        await(() -> it.committedTotal("webhook-m1") == 5, () -> "committed " + it.committedTotal("webhook-m1"));

        HttpResponse<String> response = get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String scrape = response.body();
        assertThat(notifications(scrape, "accepting", "delivered")).isEqualTo(3);
        assertThat(notifications(scrape, "refusing", "rejected")).isEqualTo(2);
        assertThat(PrometheusText.sum(scrape, "alertstream_connector_notifications_total", connector))
                .as("nothing else: no retries, no expiries").isEqualTo(5);
        assertThat(PrometheusText.sum(scrape, "alertstream_connector_notification_delivery_seconds_count",
                with(connector, "receiver", "accepting"))).isEqualTo(3);
        assertThat(PrometheusText.sum(scrape, "alertstream_connector_notification_delivery_seconds_bucket",
                with(with(connector, "receiver", "accepting"), "le", "60.0"))).as("delivered within a minute of createdAt").isEqualTo(3);
        assertThat(PrometheusText.sum(scrape, "alertstream_connector_notifications_pending", connector)).isZero();
        assertThat(scrape).as("the worker's JVM").contains("jvm_memory_used_bytes", "process_uptime_seconds");
        assertThat(receiver.received).hasSize(5);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> more = new HashMap<>(labels);
        more.put(key, value);
        return more;
    }

    private static double notifications(String scrape, String receiverName, String outcome) {
        return PrometheusText.sum(scrape, "alertstream_connector_notifications_total", Map.of("connector", "webhook-m1",
                "channel", "webhook", "receiver", receiverName, "outcome", outcome));
    }

    private static HttpResponse<String> get() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(it.connect.restUrl() + "/alertstream/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String scrape() {
        try {
            HttpResponse<String> response = get();
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /alertstream/metrics answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String scrapeQuietly() {
        try {
            return scrape();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    private static String connectorLines(String scrape) {
        return String.join("\n", scrape.lines().filter(l -> l.startsWith(ConnectorMetrics.NOTIFICATIONS.replace('.', '_'))).toList());
    }
}
