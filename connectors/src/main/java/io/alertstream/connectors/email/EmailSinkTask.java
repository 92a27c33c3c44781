package io.alertstream.connectors.email;

import io.alertstream.connectors.common.MalformedRecordHandler;
import io.alertstream.connectors.notification.DeliveryOutcome;
import io.alertstream.connectors.notification.ReceivedNotification;
import io.alertstream.connectors.notification.NotificationSinkTask;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code channel: email} notifications as one email each, through a {@link MailSender}.
 *
 * <p>Input: notification records (see {@link ReceivedNotification}). Output: one message per notification listing
 * its alerts, with the Message-ID {@code <id@domain>}. Delivery semantics are those of
 * {@link NotificationSinkTask}: transient SMTP failures are retried and never lose a notification, a
 * permanent 5xx refusal or an unusable notification goes to the errant-record reporter.
 */
public class EmailSinkTask extends NotificationSinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(EmailSinkTask.class);

    private final Function<EmailSinkConnectorConfig, MailSender> senderFactory;
    private MailSender sender;
    private EmailComposer composer;

    public EmailSinkTask() {
        this(SmtpMailSender::new);
    }

    /** For tests: a sender of the test's choosing. */
    EmailSinkTask(Function<EmailSinkConnectorConfig, MailSender> senderFactory) {
        this.senderFactory = senderFactory;
    }

    /** For tests: a sender and a clock (backoff, maximum delivery age) of the test's choosing. */
    EmailSinkTask(Function<EmailSinkConnectorConfig, MailSender> senderFactory, LongSupplier clock) {
        super(clock);
        this.senderFactory = senderFactory;
    }

    @Override
    protected String channel() {
        return ReceivedNotification.CHANNEL_EMAIL;
    }

    @Override
    protected String behaviorConfigKey() {
        return EmailSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;
    }

    @Override
    protected Setup startDelivery(Map<String, String> props) {
        EmailSinkConnectorConfig config = new EmailSinkConnectorConfig(props);
        composer = EmailComposer.from(config);
        sender = senderFactory.apply(config);
        LOG.info("Email sink sending through {}:{} ({}) as {}", config.host(), config.port(), config.security(),
                config.from().getAddress());
        return new Setup(config.delivery(), MalformedRecordHandler.forTask(context, config.behaviorOnMalformed(),
                behaviorConfigKey()));
    }

    @Override
    protected DeliveryOutcome deliverOnce(SinkRecord record, ReceivedNotification notification) {
        EmailMessage message = composer.compose(record, notification);
        try {
            sender.send(message);
            return DeliveryOutcome.delivered();
        } catch (MailDeliveryException e) {
            return e.isTransient() ? DeliveryOutcome.retry(e.getMessage()) : DeliveryOutcome.rejected(e.getMessage());
        }
    }

    @Override
    protected void stopDelivery() {
        if (sender != null) {
            sender.close();
        }
    }
}
