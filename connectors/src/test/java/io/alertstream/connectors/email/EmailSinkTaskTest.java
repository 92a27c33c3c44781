package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.common.TestRecords;
import java.util.LinkedList;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class EmailSinkTaskTest {
    private static final List<Map<String, Object>> ALERTS =
            List.of(TestNotifications.alert("k1", "critical", "CPU at 97%", 97, 90));

    /** Accepts messages unless a failure is queued for the next attempt. */
    static final class FakeSender implements MailSender {
        final List<EmailMessage> sent = new ArrayList<>();
        final Deque<MailDeliveryException> failures = new LinkedList<>();
        int attempts;

        @Override
        public void send(EmailMessage message) throws MailDeliveryException {
            attempts++;
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

    private EmailSinkTask start(Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("smtp.host", "smtp.example.com");
        props.put("email.from", "alerts@example.com");
        props.put("email.message.id.domain", "alertstream.example.com");
        props.put("max.retries", "2");
        props.put("retry.backoff.ms", "1");
        props.put("retry.backoff.max.ms", "5");
        props.putAll(overrides);
        EmailSinkTask task = new EmailSinkTask(config -> sender);
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
    void transientFailuresShouldBeRetriedThenHandedBackWithoutResendingWhatWasDelivered() {
        EmailSinkTask task = start(Map.of());
        List<SinkRecord> batch = List.of(
                record(0, TestNotifications.email("n-1", List.of("a@example.com"), List.of(), List.of(), ALERTS)),
                record(1, TestNotifications.email("n-2", List.of("a@example.com"), List.of(), List.of(), ALERTS)));
        sender.sent.clear();
        // n-1 goes through; n-2 fails on the first try and both retries.
        sender.failures.add(null);
        for (int i = 0; i < 3; i++) {
            sender.failures.add(new MailDeliveryException(true, "421 busy", null));
        }

        assertThatThrownBy(() -> task.put(batch)).isInstanceOf(RetriableException.class)
                .hasMessageContaining("n-2").hasMessageContaining("topic 'notifications' partition 0 offset 1")
                .hasMessageContaining("max.retries");
        assertThat(context.timeoutMs).isEqualTo(5);
        assertThat(sender.attempts).isEqualTo(4);

        // Connect redelivers the same batch: n-1 is not sent twice.
        task.put(batch);
        assertThat(sender.sent).extracting(EmailMessage::notificationId).containsExactly("n-1", "n-2");
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
        assertThat(context.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L, 1L, 2L, 3L);
        assertThat(context.reportedErrors.get(0)).hasMessageContaining("550 no such user")
                .hasMessageContaining("offset 0").hasMessageContaining("behavior.on.malformed.records");
        assertThat(context.reportedErrors.get(1)).hasMessageContaining("no recipient");
        assertThat(context.reportedErrors.get(2)).hasMessageContaining("invalid address in email.to");
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
