package io.alertstream.connectors.email;

/**
 * What the email sink task needs from a mail server: send one message.
 *
 * <p>Contract of {@link #send}: when it returns, the server accepted the message for every recipient.
 * A failure is a {@link MailDeliveryException} that says whether trying again can help (connection
 * failure, timeout, 4xx reply) or not (5xx reply for the message or a recipient). Bad credentials are a
 * {@code ConnectException} naming the config keys to fix.
 */
public interface MailSender extends AutoCloseable {

    void send(EmailMessage message) throws MailDeliveryException;

    @Override
    void close();
}
