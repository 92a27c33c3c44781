package io.alertstream.connectors.email;

import static io.alertstream.connectors.notification.NotificationItSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.alertstream.connectors.notification.NotificationItSupport;
import io.alertstream.connectors.notification.TestNotifications;
import io.alertstream.testkit.FreePorts;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The email sink in a real Connect worker against a real broker and a real SMTP server (GreenMail on
 * 127.0.0.1, with SMTP AUTH). Each test has its own topic and connector, and clears the mailboxes.
 */
class EmailSinkIT {
    private static final int SMTP_PORT = FreePorts.find();
    private static NotificationItSupport it;
    private static GreenMail smtp;

    @BeforeAll
    static void startServices() {
        smtp = startSmtp();
        it = NotificationItSupport.start();
    }

    @AfterAll
    static void stopServices() {
        if (it != null) {
            it.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static GreenMail startSmtp() {
        GreenMail server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "it-secret"));
        server.start();
        return server;
    }

    private static void startConnector(String name, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", EmailSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("errors.tolerance", "all"); // the sinks refuse a config where one bad record stops the task
        config.put("topics", topic);
        config.put("smtp.host", "127.0.0.1");
        config.put("smtp.port", Integer.toString(SMTP_PORT));
        config.put("smtp.security", "none");
        config.put("smtp.username", "alerts");
        config.put("smtp.password", "it-secret");
        config.put("smtp.connect.timeout.ms", "2000");
        config.put("smtp.timeout.ms", "5000");
        config.put("email.from", "alertstream <alerts@example.com>");
        config.put("email.message.id.domain", "alertstream.it");
        config.put("link.template", "https://kibana.example.com/app/discover#/?q={{alertKey}}");
        config.put("retry.backoff.ms", "100");
        config.put("retry.backoff.max.ms", "1000");
        it.startConnector(name, config);
    }

    private static Set<String> receivedMessageIds() {
        return Arrays.stream(smtp.getReceivedMessages()).map(EmailSinkIT::messageId).collect(Collectors.toSet());
    }

    /** The messages in one recipient's mailbox (GreenMail creates a mailbox per recipient address). */
    private static List<MimeMessage> inbox(String address) throws Exception {
        GreenMailUser user = smtp.getUserManager().getUserByEmail(address);
        assertThat(user).as("mailbox of " + address).isNotNull();
        return smtp.getManagers().getImapHostManager().getInbox(user).getMessages().stream()
                .map(StoredMessage::getMimeMessage).toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNotificationShouldArriveAsOneMessageWithItsRecipientsSubjectBodiesAndStableMessageId() throws Exception {
        it.kafka.createTopic("notifications-e1", 1, Map.of());
        it.send("notifications-e1", TestNotifications.webhook("n-hook", "https://hooks.example.com/x", "json", null,
                List.of(TestNotifications.alert("ignored", "critical", "not for email", 1, 1))));
        it.send("notifications-e1", TestNotifications.email("n-e1", List.of("oncall@to.example.com"),
                List.of("lead@cc.example.com"), List.of("audit@bcc.example.com"),
                List.of(TestNotifications.alert("cpu|web-1", "critical", "CPU at 97% on web-1", 97.5, 90),
                        TestNotifications.alert("mem|web-2", "warning", "Memory <high> on web-2", 81, 80))));
        startConnector("email-e1", "notifications-e1");

        // One delivery per recipient mailbox: to, cc and bcc.
        await(() -> smtp.getReceivedMessages().length == 3, () -> smtp.getReceivedMessages().length + " deliveries");
        await(() -> it.committedTotal("email-e1") == 2, () -> "committed " + it.committedTotal("email-e1"));

        MimeMessage message = inbox("oncall@to.example.com").get(0);
        assertThat(message.getMessageID()).isEqualTo("<n-e1@alertstream.it>");
        assertThat(message.getSubject()).isEqualTo("[alertstream] firing critical: CPU at 97% on web-1 (+1 more)");
        assertThat(message.getFrom()[0]).hasToString("alertstream <alerts@example.com>");
        assertThat(message.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("oncall@to.example.com");
        assertThat(message.getRecipients(Message.RecipientType.CC)).extracting(Object::toString)
                .containsExactly("lead@cc.example.com");
        assertThat(message.getHeader("Bcc")).as("bcc must stay hidden").isNull();
        assertThat(inbox("lead@cc.example.com")).hasSize(1);
        assertThat(inbox("audit@bcc.example.com")).singleElement()
                .satisfies(copy -> assertThat(copy.getMessageID()).isEqualTo("<n-e1@alertstream.it>"));

        MimeMultipart alternative = (MimeMultipart) message.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) alternative.getBodyPart(0).getContent())
                .contains("[critical] CPU at 97% on web-1", "value 97.5, threshold 90",
                        "window 2026-11-21T09:55:00Z .. 2026-11-21T10:00:00Z",
                        "https://kibana.example.com/app/discover#/?q=cpu%7Cweb-1", "[warning] Memory <high> on web-2");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternative.getBodyPart(1).getContent())
                .contains("<b>critical</b> CPU at 97% on web-1", "Memory &lt;high&gt; on web-2",
                        "<a href=\"https://kibana.example.com/app/discover#/?q=mem%7Cweb-2\">");
        assertThat(receivedMessageIds()).doesNotContain("<n-hook@alertstream.it>");
    }

    @Test
    void anSmtpOutageShouldLoseNothing() {
        smtp.reset();
        it.kafka.createTopic("notifications-e2", 2, Map.of());
        startConnector("email-e2", "notifications-e2");
        it.send("notifications-e2", TestNotifications.email("n-before", List.of("a@to.example.com"), List.of(),
                List.of(), List.of(TestNotifications.alert("k", "warning", "before", 1, 1))));
        await(() -> receivedMessageIds().contains("<n-before@alertstream.it>"), () -> "first message");
        await(() -> it.committedTotal("email-e2") == 1, () -> "first commit");

        smtp.stop();
        List<String> ids = IntStream.range(0, 12).mapToObj(i -> "n-outage-" + i).toList();
        ids.forEach(id -> it.send("notifications-e2", TestNotifications.email(id, List.of("a@to.example.com"),
                List.of(), List.of(), List.of(TestNotifications.alert(id, "critical", id, 2, 1)))));
        // While the server is down nothing may be committed past what it accepted.
        NotificationItSupport.holdsFor(Duration.ofSeconds(6), () -> assertThat(it.committedTotal("email-e2"))
                .as("offsets committed during the outage").isEqualTo(1));
        assertThat(it.connect.connectorStatus("email-e2")).doesNotContain("FAILED");

        smtp = startSmtp();
        Set<String> expected = new HashSet<>();
        ids.forEach(id -> expected.add("<" + id + "@alertstream.it>"));
        await(() -> receivedMessageIds().containsAll(expected), () -> "received " + receivedMessageIds());
        await(() -> it.committedTotal("email-e2") == 13, () -> "committed " + it.committedTotal("email-e2"));
    }
}
