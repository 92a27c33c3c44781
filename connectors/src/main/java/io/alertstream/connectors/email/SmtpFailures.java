package io.alertstream.connectors.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Classifies a Jakarta Mail failure: transient (retry, nothing lost) or permanent (the record goes to
 * the errant-record reporter).
 *
 * <p>SMTP reply codes decide when there are any: 4xx anywhere in the chain is transient (the server
 * asks to come back later), otherwise 5xx is permanent. Without a reply code the failure is I/O
 * (connection refused, reset, timeout) or unknown, and treated as transient, because retrying an
 * unknown failure costs a delay while dropping it would lose a notification.
 */
public final class SmtpFailures {
    private SmtpFailures() {
    }

    public static MailDeliveryException classify(String notificationId, MessagingException error) {
        List<Integer> codes = replyCodes(error);
        boolean anyTransient = codes.stream().anyMatch(code -> code >= 400 && code < 500);
        boolean anyPermanent = codes.stream().anyMatch(code -> code >= 500);
        String detail = describe(error);
        if (anyTransient || (!anyPermanent && !(error instanceof SendFailedException failed && hasInvalid(failed)))) {
            return new MailDeliveryException(true, "SMTP server did not accept notification " + notificationId
                    + " for now (" + detail + ")", error);
        }
        return new MailDeliveryException(false, "SMTP server refused notification " + notificationId
                + " permanently (" + detail + ")", error);
    }

    /** SMTP reply codes found along the exception chain ({@code getNextException}). */
    static List<Integer> replyCodes(MessagingException error) {
        List<Integer> codes = new ArrayList<>();
        Exception current = error;
        int depth = 0;
        while (current != null && depth++ < 20) {
            if (current instanceof SMTPAddressFailedException address) {
                codes.add(address.getReturnCode());
            } else if (current instanceof SMTPSenderFailedException sender) {
                codes.add(sender.getReturnCode());
            } else if (current instanceof SMTPSendFailedException send) {
                codes.add(send.getReturnCode());
            }
            current = current instanceof MessagingException messaging ? messaging.getNextException() : null;
        }
        codes.removeIf(code -> code <= 0);
        return codes;
    }

    private static boolean hasInvalid(SendFailedException failed) {
        return failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0;
    }

    /** One line: the messages along the chain, without addresses' personal names or credentials. */
    static String describe(MessagingException error) {
        StringBuilder out = new StringBuilder();
        Exception current = error;
        int depth = 0;
        while (current != null && depth++ < 5) {
            if (out.length() > 0) {
                out.append("; ");
            }
            out.append(current.getClass().getSimpleName()).append(": ")
                    .append(String.valueOf(current.getMessage()).replaceAll("[\\r\\n]+", " ").trim());
            Exception next = current instanceof MessagingException messaging ? messaging.getNextException() : null;
            if (next == null && current.getCause() instanceof IOException io) {
                next = io;
            }
            current = next == current ? null : next;
        }
        return out.toString();
    }
}
