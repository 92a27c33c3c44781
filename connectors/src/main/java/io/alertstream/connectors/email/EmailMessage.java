package io.alertstream.connectors.email;

import jakarta.mail.internet.InternetAddress;
import java.util.List;

/**
 * One email ready to send: a stable {@code Message-ID} ({@code <notificationId@domain>}), addresses, subject
 * and bodies ({@code html} null for a plain-text message).
 */
public record EmailMessage(String notificationId, String messageId, InternetAddress from, List<InternetAddress> to,
                           List<InternetAddress> cc, List<InternetAddress> bcc, String subject, String text,
                           String html) {

    public int recipientCount() {
        return to.size() + cc.size() + bcc.size();
    }
}
