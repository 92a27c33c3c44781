package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.FreePorts;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The dev console's mail lines against a real SMTP server: each delivered copy printed once, new ones not missed. */
class MailCatcherTest {

    @Test
    void shouldPrintEveryDeliveredMailOnceWhateverInboxItLandsIn() throws Exception {
        StringWriter console = new StringWriter();
        int port = FreePorts.find();
        try (MailCatcher catcher = new MailCatcher(port, new PrintWriter(console, true)).start()) {
            send(port, "digest", "alice@x.local");
            awaitLines(console, 1);
            send(port, "first to bob", "bob@x.local");
            awaitLines(console, 2);
            // A new message to the first inbox is listed before bob's by the server.
            send(port, "second to alice", "alice@x.local");
            awaitLines(console, 3);
            send(port, "to both", "alice@x.local", "bob@x.local");
            awaitLines(console, 5);
            Thread.sleep(1_200); // two more polls: nothing is printed twice
        }
        List<String> lines = lines(console);
        assertThat(lines).containsExactly(
                "mail     to=alice@x.local  subject=digest",
                "mail     to=bob@x.local  subject=first to bob",
                "mail     to=alice@x.local  subject=second to alice",
                "mail     to=alice@x.local,bob@x.local  subject=to both",
                "mail     to=alice@x.local,bob@x.local  subject=to both");
    }

    private static void send(int port, String subject, String... to) throws Exception {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(port));
        MimeMessage m = new MimeMessage(Session.getInstance(p));
        m.setFrom(new InternetAddress("alertstream@x.local"));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", to)));
        m.setSubject(subject);
        m.setText("body");
        Transport.send(m);
    }

    private static void awaitLines(StringWriter console, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines(console).size() < n && System.nanoTime() < deadline) {
            Thread.sleep(50); // the printer polls every 500 ms
        }
        assertThat(lines(console)).hasSizeGreaterThanOrEqualTo(n);
    }

    private static List<String> lines(StringWriter console) {
        return Arrays.stream(console.toString().split("\\R")).filter(l -> !l.isBlank()).toList();
    }
}
