package io.alertstream.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintWriter;
import java.util.Arrays;
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
        int printed = 0;
        while (running) {
            MimeMessage[] received = smtp.getReceivedMessages();
            // GreenMail keeps one copy per recipient; print each copy, as each inbox would show it.
            for (; printed < received.length; printed++) {
                out.println(line(received[printed]));
                out.flush();
            }
            try {
                Thread.sleep(500); // GreenMail offers no blocking wait for "any new message"; poll
            } catch (InterruptedException e) {
                return;
            }
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
