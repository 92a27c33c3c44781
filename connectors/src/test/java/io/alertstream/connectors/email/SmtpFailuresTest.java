package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

class SmtpFailuresTest {

    private static SendFailedException recipientRefused(int code) throws Exception {
        InternetAddress address = new InternetAddress("nobody@example.com");
        SMTPAddressFailedException refused = new SMTPAddressFailedException(address, "RCPT TO:<nobody@example.com>",
                code, code + " mailbox problem");
        return new SendFailedException("Invalid Addresses", refused, new Address[0], new Address[0],
                new Address[] {address});
    }

    @Test
    void permanentRecipientRefusalShouldNotBeRetried() throws Exception {
        MailDeliveryException classified = SmtpFailures.classify("n-1", recipientRefused(550));

        assertThat(classified.isTransient()).isFalse();
        assertThat(classified.getMessage()).contains("n-1").contains("permanently").contains("550 mailbox problem");
    }

    @Test
    void transientRepliesShouldBeRetried() throws Exception {
        assertThat(SmtpFailures.classify("n-1", recipientRefused(451)).isTransient()).isTrue();
        SMTPSendFailedException busy = new SMTPSendFailedException("DATA", 421, "421 try again later", null,
                new Address[0], new Address[0], new Address[0]);
        assertThat(SmtpFailures.classify("n-1", busy).isTransient()).isTrue();
        SMTPSendFailedException tooBig = new SMTPSendFailedException("DATA", 552, "552 too big", null,
                new Address[0], new Address[0], new Address[0]);
        assertThat(SmtpFailures.classify("n-1", tooBig).isTransient()).isFalse();
    }

    @Test
    void connectionFailuresAndUnknownErrorsShouldBeRetried() {
        MailConnectException refused = new MailConnectException(new SocketConnectException("connect failed",
                new ConnectException("Connection refused"), "127.0.0.1", 2525, 1000));
        assertThat(SmtpFailures.classify("n-1", refused).isTransient()).isTrue();
        assertThat(SmtpFailures.classify("n-1", new MessagingException("strange")).isTransient()).isTrue();
    }
}
