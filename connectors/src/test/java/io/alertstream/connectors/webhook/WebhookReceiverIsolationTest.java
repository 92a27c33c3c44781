package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;


import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.notification.NotificationSinkTask;
import io.alertstream.connectors.notification.TestNotifications;
import io.alertstream.testkit.FreePorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook sink with its real HTTP client against two real local receivers: one that accepts connections
 * and never answers, one healthy. The healthy receiver must get every notification on time while the dead
 * one's wait in their lane; after {@code notify.max.delivery.age.ms} those are dead-lettered with the reason.
 */
class WebhookReceiverIsolationTest {
    private static final long TIMEOUT_MS = 400;
    private static final long MAX_AGE_MS = 2_500;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
    private ServerSocket silent;
    private Thread acceptor;
    private RecordingWebhookServer healthy;
    private WebhookSinkTask task;

    @BeforeEach
    void start() throws IOException {
        silent = new ServerSocket();
        silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        acceptor = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept()); // accepted, never read, never answered
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
        healthy = new RecordingWebhookServer(FreePorts.find());
        healthy.start();
        task = new WebhookSinkTask();
        task.initialize(context);
        task.start(Map.of(
                "webhook.allowed.url.prefixes", silentUrl("/") + "," + healthy.url("/"),
                "webhook.timeout.ms", Long.toString(TIMEOUT_MS),
                "retry.backoff.ms", "200",
                "retry.backoff.max.ms", "600",
                "notify.max.delivery.age.ms", Long.toString(MAX_AGE_MS)));
    }

    @AfterEach
    void stop() throws IOException {
        task.stop();
        healthy.stop();
        silent.close();
        for (Socket socket : held) {
            socket.close();
        }
    }

    private String silentUrl(String path) {
        return "http://127.0.0.1:" + silent.getLocalPort() + path;
    }

    private static SinkRecord notification(long offset, String receiver, String id, String url) {
        Map<String, Object> value = TestNotifications.webhook(id, url, null, null,
                List.of(TestNotifications.alert("k", "critical", "down", 1, 0)));
        value.put("receiver", receiver);
        return TestRecords.record("notifications", 0, offset, value, 1L);
    }

    @Test
    void aReceiverThatNeverAnswersShouldDelayNoOtherAndBeDeadLetteredAfterTheMaxAge() throws Exception {
        long started = System.currentTimeMillis();
        task.put(List.of(notification(0, "silent", "s-0", silentUrl("/hook")),
                notification(1, "healthy", "h-\u0007-1", healthy.url("/hook")),
                notification(2, "silent", "s-2", silentUrl("/hook"))));
        assertThat(healthy.received).hasSize(1);
        assertThat(healthy.received.get(0).header("Idempotency-Key")).as("control character encoded").isEqualTo("h-%07-1");

        long offset = 3;
        while (System.currentTimeMillis() - started < MAX_AGE_MS - 1_000) {
            long putAt = System.currentTimeMillis();
            String id = "h-" + offset;
            task.put(List.of(notification(offset++, "healthy", id, healthy.url("/hook"))));
            long took = System.currentTimeMillis() - putAt;
            assertThat(healthy.received).as("delivered before put returned").last()
                    .satisfies(received -> assertThat(received.header("Idempotency-Key")).isEqualTo(id));
            assertThat(took).as("at most one timeout of the silent receiver per put").isLessThan(TIMEOUT_MS + 1_000);
            assertThat(task.pendingNotifications()).as("the silent receiver's notifications still wait").isEqualTo(2);
            assertThat(context.reported).isEmpty();
            Thread.sleep(100);
        }

        while (task.pendingNotifications() > 0 && System.currentTimeMillis() - started < MAX_AGE_MS + 10_000) {
            task.put(List.of());
            Thread.sleep(100);
        }
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L, 2L);
        assertThat(context.reportedErrors).allSatisfy(error -> assertThat(error)
                .hasMessageContaining("notify.max.delivery.age.ms").hasMessageContaining("receiver 'silent'")
                .hasMessageContaining("timed out"));
        assertThat(healthy.received).hasSize((int) offset - 2);
    }

    @Test
    void manySilentReceiversShouldTogetherHoldAPutForAboutOneTimeoutAndEachBeDeadLettered() throws Exception {
        // Eight receivers that never answer, due at once: tried one after another they would hold the task
        // thread (and the healthy receiver's next notification) for eight timeouts per put.
        List<SinkRecord> batch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            batch.add(notification(i, "silent-" + i, "s-" + i, silentUrl("/hook-" + i)));
        }
        batch.add(notification(8, "healthy", "h-8", healthy.url("/hook")));
        long started = System.currentTimeMillis();
        task.put(batch);
        assertThat(healthy.received).as("the healthy receiver first").hasSize(1);

        long offset = 9;
        long slowest = 0;
        while (task.pendingNotifications() > 0 && System.currentTimeMillis() - started < MAX_AGE_MS + 15_000) {
            long putAt = System.currentTimeMillis();
            String id = "h-" + offset;
            task.put(List.of(notification(offset++, "healthy", id, healthy.url("/hook"))));
            slowest = Math.max(slowest, System.currentTimeMillis() - putAt);
            assertThat(healthy.received).as("delivered before put returned").last()
                    .satisfies(received -> assertThat(received.header("Idempotency-Key")).isEqualTo(id));
            Thread.sleep(50);
        }
        assertThat(slowest).as("one put's time on failing receivers: at most the budget plus one timeout, not eight timeouts")
                .isLessThan(NotificationSinkTask.FAILING_LANES_BUDGET_MS + TIMEOUT_MS + 400);
        assertThat(context.reported).as("every silent receiver's notification dead-lettered after the max age")
                .extracting(SinkRecord::kafkaOffset).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }
}
