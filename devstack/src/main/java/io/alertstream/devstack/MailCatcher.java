package io.alertstream.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The dev stack's local mail catcher: a real SMTP server (GreenMail) on 127.0.0.1 that accepts every
 * message, and a thread printing one line per message received, so {@code alertstream dev} shows what
 * the email sink connector delivered: {@code mail to=oncall@alertstream.local subject=...}.
 */
final class MailCatcher implements AutoCloseable {
    private final GreenMail smtp;
    private final Thread printer;
    private final PrintWriter out;
    private volatile boolean running = true;

    MailCatcher(int port, PrintWriter out) {
        this.out = out;
        this.smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.printer = new Thread(this::loop, "alertstream-dev-mail-printer");
        this.printer.setDaemon(true);
    }

    MailCatcher start() {
        smtp.start();
        printer.start();
        return this;
    }

    int port() {
        return smtp.getSmtp().getPort();
    }

    private void loop() {
        Map<String, Integer> printed = new HashMap<>();
        while (running) {
            printNew(smtp.getReceivedMessages(), printed, out);
            try {
                Thread.sleep(500); // GreenMail offers no blocking wait for "any new message"; poll
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Prints the copies not printed yet. GreenMail lists messages inbox by inbox, so a new message to
     * an earlier inbox lands before older ones of later inboxes: counting positions would print an old
     * message again and skip the new one. It keeps one copy per recipient, so the count of copies
     * printed is kept per Message-ID (every message the email sink sends has one).
     */
    static void printNew(MimeMessage[] received, Map<String, Integer> printed, PrintWriter out) {
        Map<String, Integer> seen = new HashMap<>();
        for (MimeMessage m : received) {
            String id = messageId(m);
            int copy = seen.merge(id, 1, Integer::sum);
            if (copy > printed.getOrDefault(id, 0)) {
                printed.put(id, copy);
                out.println(line(m));
                out.flush();
            }
        }
    }

    private static String messageId(MimeMessage m) {
        try {
            String id = m.getMessageID();
            return id != null ? id : "no-id:" + System.identityHashCode(m);
        } catch (MessagingException e) {
            return "unreadable:" + System.identityHashCode(m);
        }
    }

    static String line(MimeMessage m) {
        try {
            Address[] to = m.getAllRecipients();
            return "mail     to=" + (to == null ? "?" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(",")))
                    + "  subject=" + m.getSubject();
        } catch (MessagingException e) {
            return "mail     (unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        printer.interrupt();
        printer.join(2_000);
        smtp.stop();
    }
}
