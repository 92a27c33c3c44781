package io.alertstream.connectors.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.alertstream.testkit.FreePorts;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SmtpMailSender} over SMTPS against a real server (GreenMail) with a certificate made for this
 * run by {@code keytool}: trusted through {@code smtp.ssl.truststore.*} it delivers; without the trust
 * store the handshake fails and the failure is transient (retried, nothing lost).
 */
class SmtpMailSenderTlsIT {
    private static final int PORT = FreePorts.find();
    private static Path dir;
    private static GreenMail smtps;

    @BeforeAll
    static void startSmtps() throws Exception {
        dir = Files.createTempDirectory("smtps-it");
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-keystore", dir.resolve("server.p12").toString(),
                "-storetype", "PKCS12", "-storepass", "server-pw", "-keypass", "server-pw");
        keytool("-exportcert", "-rfc", "-alias", "smtp", "-file", dir.resolve("server.crt").toString(),
                "-keystore", dir.resolve("server.p12").toString(), "-storepass", "server-pw");
        keytool("-importcert", "-noprompt", "-alias", "smtp", "-file", dir.resolve("server.crt").toString(),
                "-keystore", dir.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "trust-pw");
        // Read once per JVM when GreenMail first opens a TLS server socket; only this class uses TLS servers.
        System.setProperty("greenmail.tls.keystore.file", dir.resolve("server.p12").toString());
        System.setProperty("greenmail.tls.keystore.password", "server-pw");
        System.setProperty("greenmail.tls.key.password", "server-pw");
        smtps = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", "tls-secret"));
        smtps.start();
    }

    @AfterAll
    static void stopSmtps() throws IOException {
        if (smtps != null) {
            smtps.stop();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(process.exitValue()).as("keytool " + args[0] + ": " + output).isZero();
    }

    private static EmailSinkConnectorConfig config(boolean withTrustStore) {
        Map<String, String> props = new HashMap<>();
        props.put("smtp.host", "127.0.0.1");
        props.put("smtp.port", Integer.toString(PORT));
        props.put("smtp.security", "ssl");
        props.put("smtp.username", "alerts");
        props.put("smtp.password", "tls-secret");
        props.put("smtp.connect.timeout.ms", "3000");
        props.put("smtp.timeout.ms", "5000");
        props.put("email.from", "alerts@example.com");
        if (withTrustStore) {
            props.put("smtp.ssl.truststore.location", dir.resolve("trust.p12").toString());
            props.put("smtp.ssl.truststore.password", "trust-pw");
        }
        return new EmailSinkConnectorConfig(props);
    }

    private static EmailMessage message(String id) throws Exception {
        return new EmailMessage(id, "<" + id + "@example.com>", new InternetAddress("alerts@example.com"),
                List.of(new InternetAddress("oncall@example.com")), List.of(), List.of(), "TLS " + id, "body", null);
    }

    @Test
    void sslWithTheConfiguredTrustStoreShouldDeliver() throws Exception {
        try (SmtpMailSender sender = new SmtpMailSender(config(true))) {
            sender.send(message("n-tls-1"));
            sender.send(message("n-tls-2"));
        }
        assertThat(smtps.getReceivedMessages()).extracting(m -> m.getMessageID())
                .contains("<n-tls-1@example.com>", "<n-tls-2@example.com>");
    }

    @Test
    void anUntrustedCertificateShouldFailTransientlyWithoutSending() throws Exception {
        int before = smtps.getReceivedMessages().length;
        try (SmtpMailSender sender = new SmtpMailSender(config(false))) {
            assertThatThrownBy(() -> sender.send(message("n-untrusted")))
                    .isInstanceOfSatisfying(MailDeliveryException.class, e -> assertThat(e.isTransient()).isTrue())
                    .hasMessageContaining("n-untrusted");
        }
        assertThat(smtps.getReceivedMessages()).hasSize(before);
    }
}
