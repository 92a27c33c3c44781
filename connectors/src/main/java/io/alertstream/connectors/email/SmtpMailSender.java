package io.alertstream.connectors.email;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MailSender} over SMTP with Jakarta Mail (Angus Mail): one connection kept open across messages,
 * reopened after any failure.
 *
 * <p>Security: {@code ssl} uses SMTPS, {@code starttls} requires the STARTTLS upgrade; both check the
 * server's host name against its certificate and use the configured trust store. A message with an HTML
 * template is {@code multipart/alternative} (plain text first, HTML second).
 */
public final class SmtpMailSender implements MailSender {
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailSender.class);

    private final Session session;
    private final String protocol;
    private final String describedServer;
    private final String username;
    private final Password password;
    private Transport transport;

    public SmtpMailSender(EmailSinkConnectorConfig config) {
        this.protocol = "ssl".equals(config.security()) ? "smtps" : "smtp";
        this.session = Session.getInstance(sessionProperties(config, protocol));
        this.describedServer = protocol + "://" + config.host() + ":" + config.port();
        this.username = config.username().orElse(null);
        this.password = config.password();
    }

    static Properties sessionProperties(EmailSinkConnectorConfig config, String protocol) {
        Properties props = new Properties();
        String p = "mail." + protocol + ".";
        props.put("mail.transport.protocol", protocol);
        props.put(p + "host", config.host());
        props.put(p + "port", Integer.toString(config.port()));
        props.put(p + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        props.put(p + "timeout", Long.toString(config.timeout().toMillis()));
        props.put(p + "writetimeout", Long.toString(config.timeout().toMillis()));
        props.put(p + "auth", Boolean.toString(config.username().isPresent()));
        // One refused recipient refuses the message: it then goes to the dead-letter topic whole, instead of
        // reaching some recipients and being retried for all.
        props.put(p + "sendpartial", "false");
        if (!"none".equals(config.security())) {
            props.put(p + "ssl.checkserveridentity", "true");
            config.sslContext().ifPresent(context -> props.put(p + "ssl.socketFactory", context.getSocketFactory()));
        }
        if ("starttls".equals(config.security())) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        return props;
    }

    @Override
    public void send(EmailMessage message) throws MailDeliveryException {
        try {
            MimeMessage mime = toMime(message);
            Transport connected = connected();
            connected.sendMessage(mime, mime.getAllRecipients());
            LOG.debug("Sent notification {} as {} to {} recipient(s)", message.notificationId(), message.messageId(),
                    message.recipientCount());
        } catch (AuthenticationFailedException e) {
            close();
            throw new ConnectException("SMTP server " + describedServer + " refused the credentials: check "
                    + SmtpConnectionConfig.USERNAME_CONFIG + " and " + SmtpConnectionConfig.PASSWORD_CONFIG, e);
        } catch (MessagingException e) {
            close();
            throw SmtpFailures.classify(message.notificationId(), e);
        } catch (IllegalStateException e) {
            close();
            throw new MailDeliveryException(true, "SMTP connection to " + describedServer + " was lost", e);
        }
    }

    private Transport connected() throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            Transport fresh = session.getTransport(protocol);
            fresh.connect(username, password == null || username == null ? null : password.value());
            transport = fresh;
        }
        return transport;
    }

    private MimeMessage toMime(EmailMessage message) throws MessagingException {
        MimeMessage mime = new FixedIdMimeMessage(session, message.messageId());
        mime.setFrom(message.from());
        mime.setRecipients(Message.RecipientType.TO, message.to().toArray(new Address[0]));
        mime.setRecipients(Message.RecipientType.CC, message.cc().toArray(new Address[0]));
        mime.setRecipients(Message.RecipientType.BCC, message.bcc().toArray(new Address[0]));
        mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
        mime.setSentDate(new Date());
        if (message.html() == null) {
            mime.setText(message.text(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.text(), StandardCharsets.UTF_8.name());
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(text);
            alternative.addBodyPart(html);
            mime.setContent(alternative);
        }
        mime.saveChanges();
        return mime;
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                LOG.debug("Closing the SMTP connection to {} failed: {}", describedServer, e.getMessage());
            }
            transport = null;
        }
    }

    /** Keeps our stable Message-ID: {@code saveChanges} would otherwise generate a random one. */
    private static final class FixedIdMimeMessage extends MimeMessage {
        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
