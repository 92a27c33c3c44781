package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.notification.TestNotifications;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class EmailSinkTaskTest {
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("k1", "critical", "CPU at 97%", 97, 90));

    /** Accepts messages unless a failure is queued for the next attempt. */
    static final class FakeSender implements MailSender {
        final List<EmailMessage> sent = new ArrayList<>();
        final Deque<MailDeliveryException> failures = new LinkedList<>();
        final java.util.Set<String> failingRecipients = new java.util.HashSet<>();
        int attempts;

        @Override
        public void send(EmailMessage message) throws MailDeliveryException {
            attempts++;
            if (message.to().stream().anyMatch(to -> failingRecipients.contains(to.toString()))) {
                throw new MailDeliveryException(true, "452 mailbox full", null);
            }
            MailDeliveryException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
            sent.add(message);
        }

        @Override
        public void close() {
        }
    }

    private final FakeSender sender = new FakeSender();
    private final RecordingSinkTaskContext context = new RecordingSinkTaskContext(true);
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private EmailSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("smtp.host", "smtp.example.com");
        props.put("email.from", "alerts@example.com");
        props.put("email.message.id.domain", "alertstream.example.com");
        props.put("retry.backoff.ms", "1");
        props.put("retry.backoff.max.ms", "5");
        props.putAll(overrides);
        EmailSinkTask task = new EmailSinkTask(config -> sender, clock::get);
        task.initialize(context);
        task.start(props);
        return task;
    }

    private static SinkRecord record(long offset, Object value) {
        return TestRecords.record("notifications", 0, offset, value, 1L);
    }

    @Test
    void shouldSendOneMessagePerEmailNotificationAndSkipOtherChannels() {
        EmailSinkTask task = start(Map.of());

        task.put(List.of(
                record(0, TestNotifications.email("n-1", List.of("a@example.com"), List.of("b@example.com"),
                        List.of("c@example.com"), ALERTS)),
                record(1, TestNotifications.webhook("n-2", "https://hooks.example.com/x", "json", null, ALERTS)),
                record(2, null)));

        assertThat(sender.sent).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo("<n-1@alertstream.example.com>");
            assertThat(message.to()).extracting(Object::toString).containsExactly("a@example.com");
            assertThat(message.cc()).extracting(Object::toString).containsExactly("b@example.com");
            assertThat(message.bcc()).extracting(Object::toString).containsExactly("c@example.com");
            assertThat(message.subject()).contains("CPU at 97%");
        });
        assertThat(context.reported).isEmpty();
    }

    @Test
    void anSmtp4xxForOneReceiverShouldParkOnlyItsLaneAndItsOffsets() {
        EmailSinkTask task = start(Map.of());
        sender.failingRecipients.add("full@example.com");
        Map<String, Object> n1 = TestNotifications.email("n-1", List.of("full@example.com"), List.of(), List.of(), ALERTS);
        n1.put("receiver", "mailbox-full");

        task.put(List.of(record(0, n1),
                record(1, TestNotifications.email("n-2", List.of("a@example.com"), List.of(), List.of(), ALERTS))));

        assertThat(sender.sent).extracting(EmailMessage::notificationId).containsExactly("n-2");
        assertThat(task.pendingNotifications()).isEqualTo(1);
        assertThat(task.preCommit(Map.of(new TopicPartition("notifications", 0), new OffsetAndMetadata(2))))
                .containsEntry(new TopicPartition("notifications", 0), new OffsetAndMetadata(0));

        sender.failingRecipients.clear();
        clock.addAndGet(10);
        task.put(List.of());
        assertThat(sender.sent).extracting(EmailMessage::notificationId).containsExactly("n-2", "n-1");
        assertThat(task.preCommit(Map.of(new TopicPartition("notifications", 0), new OffsetAndMetadata(2))))
                .containsEntry(new TopicPartition("notifications", 0), new OffsetAndMetadata(2));
    }

    @Test
    void anSmtp4xxLastingPastTheMaxDeliveryAgeShouldDeadLetterTheNotification() {
        EmailSinkTask task = start(Map.of("notify.max.delivery.age.ms", "60000"));
        sender.failingRecipients.add("full@example.com");
        task.put(List.of(record(0, TestNotifications.email("n-1", List.of("full@example.com"), List.of(), List.of(),
                ALERTS))));
        clock.addAndGet(60_000);
        task.put(List.of());

        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        assertThat(context.reportedErrors.get(0)).hasMessageContaining("452 mailbox full")
                .hasMessageContaining("notify.max.delivery.age.ms");
        assertThat(task.pendingNotifications()).isZero();
    }

    @Test
    void permanentRefusalsAndUnusableNotificationsShouldGoToTheErrantRecordReporter() {
        EmailSinkTask task = start(Map.of());
        sender.failures.add(new MailDeliveryException(false, "550 no such user", null));

        task.put(List.of(
                record(0, TestNotifications.email("n-1", List.of("gone@example.com"), List.of(), List.of(), ALERTS)),
                record(1, TestNotifications.email("n-2", List.of(), List.of(), List.of(), ALERTS)),
                record(2, TestNotifications.email("n-3", List.of("bad address@@"), List.of(), List.of(), ALERTS)),
                record(3, "{not json"),
                record(4, TestNotifications.email("n-5", List.of("a@example.com"), List.of(), List.of(), ALERTS))));

        assertThat(sender.sent).extracting(EmailMessage::notificationId).containsExactly("n-5");
        // Unparseable records are reported when they arrive, the others when their lane reaches them.
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(3L, 0L, 1L, 2L);
        assertThat(context.reportedErrors.get(1)).hasMessageContaining("550 no such user")
                .hasMessageContaining("offset 0").hasMessageContaining("behavior.on.malformed.records");
        assertThat(context.reportedErrors.get(2)).hasMessageContaining("no recipient");
        assertThat(context.reportedErrors.get(3)).hasMessageContaining("invalid address in email.to");
    }

    @Test
    void withoutAReporterABadNotificationShouldFailTheTaskUnlessConfiguredToSkip() {
        RecordingSinkTaskContext noReporter = new RecordingSinkTaskContext(false);
        EmailSinkTask failing = new EmailSinkTask(config -> sender);
        failing.initialize(noReporter);
        failing.start(Map.of("smtp.host", "h", "email.from", "a@example.com"));
        SinkRecord bad = record(0, TestNotifications.email("n-1", List.of(), List.of(), List.of(), ALERTS));

        assertThatThrownBy(() -> failing.put(List.of(bad))).isInstanceOf(ConnectException.class)
                .hasMessageContaining("behavior.on.malformed.records");

        EmailSinkTask skipping = start(Map.of("behavior.on.malformed.records", "warn"));
        skipping.put(List.of(bad));
        assertThat(context.reported).isEmpty();
    }
}
