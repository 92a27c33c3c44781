package io.alertstream.connectors.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.connectors.notification.ReceivedNotification;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns an email notification into an {@link EmailMessage}: recipients from its {@code email} section
 * ({@code to}, {@code cc}, {@code bcc}: arrays of addresses), content from the {@link EmailTemplates}, and
 * the Message-ID {@code <id@domain>} with characters not allowed in a Message-ID replaced by {@code _}.
 *
 * <p>A notification without any recipient, or with an invalid address, is a
 * {@code MalformedRecordException} naming the record and {@code behavior.on.malformed.records}.
 */
public final class EmailComposer {
    private static final String BEHAVIOR_KEY = EmailSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG;

    private final InternetAddress from;
    private final String messageIdDomain;
    private final EmailTemplates templates;

    public EmailComposer(InternetAddress from, String messageIdDomain, EmailTemplates templates) {
        this.from = from;
        this.messageIdDomain = messageIdDomain;
        this.templates = templates;
    }

    public static EmailComposer from(EmailSinkConnectorConfig config) {
        return new EmailComposer(config.from(), config.messageIdDomain(), config.templates());
    }

    public EmailMessage compose(SinkRecord record, ReceivedNotification notification) {
        JsonNode section = notification.section(ReceivedNotification.CHANNEL_EMAIL);
        if (section == null || !section.isObject()) {
            throw ReceivedNotification.malformed(record, "(notification " + notification.id()
                    + ") has channel email but no 'email' object", BEHAVIOR_KEY);
        }
        List<InternetAddress> to = addresses(record, notification, section, "to");
        List<InternetAddress> cc = addresses(record, notification, section, "cc");
        List<InternetAddress> bcc = addresses(record, notification, section, "bcc");
        if (to.isEmpty() && cc.isEmpty() && bcc.isEmpty()) {
            throw ReceivedNotification.malformed(record, "(notification " + notification.id()
                    + ") has no recipient in email.to, email.cc or email.bcc", BEHAVIOR_KEY);
        }
        EmailTemplates.Content content = templates.render(notification);
        return new EmailMessage(notification.id(), messageId(notification.id()), from, to, cc, bcc,
                content.subject(), content.text(), content.html());
    }

    /** {@code <id@domain>}; stable, so a redelivery after a crash carries the same Message-ID. */
    public String messageId(String notificationId) {
        return "<" + notificationId.replaceAll("[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]", "_") + "@" + messageIdDomain + ">";
    }

    private static List<InternetAddress> addresses(SinkRecord record, ReceivedNotification notification, JsonNode section,
                                                   String field) {
        JsonNode node = section.get(field);
        List<InternetAddress> addresses = new ArrayList<>();
        if (node == null || node.isNull()) {
            return addresses;
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        for (JsonNode item : items) {
            try {
                addresses.add(new InternetAddress(item.asText(), true));
            } catch (AddressException e) {
                throw ReceivedNotification.malformed(record, "(notification " + notification.id() + ") has an invalid address "
                        + "in email." + field + ": '" + item.asText() + "' (" + e.getMessage() + ")", BEHAVIOR_KEY);
            }
        }
        return addresses;
    }
}
