package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.TestTls;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alertstream run} against a broker that only lets it in over TLS with SCRAM credentials: the
 * credentials and store passwords come from the environment ({@code ALERTSTREAM_KAFKA_*}), the topics are
 * created, the rules published and the alerts written through that listener, and nothing secret appears
 * in the application's output. The broker's PLAINTEXT listener serves only the test's own set-up and checks.
 */
class SaslSslIT {
    private static final String USER = "alertstream-app";
    private static final String SCRAM_PASSWORD = "scram-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String RULE = """
            rules:
              - id: tls-errors
                summary: "{{group.service}}: {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 2}
            """;

    @TempDir
    static Path tmp;
    private static TestTls tls;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecureBroker() {
        tls = TestTls.create(tmp.resolve("tls"));
        kafka = EmbeddedKafka.builder().saslSsl(tls).start();
        kafka.createScramUser(USER, SCRAM_PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldRunOverSaslSslWithCredentialsFromTheEnvironmentAndLogNoSecret() throws Exception {
        StreamsFixture fx = new StreamsFixture(kafka.bootstrapServers(), tmp, Map.of());
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("tls.yaml"), RULE);
        Path config = tmp.resolve("secure.properties");
        Properties p = new Properties();
        for (String key : fx.base.stringPropertyNames()) {
            if (key.startsWith("alertstream.topic.") || key.startsWith("alertstream.digest.topic.") || key.startsWith("alertstream.notify.topic.")) {
                p.put(key, fx.base.getProperty(key));
            }
        }
        p.put("alertstream.idle.timeout", "5s");
        p.put("state.dir", fx.stateRoot.resolve("secure").toString());
        // What a deployer writes in the file: no secret in it.
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-256");
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        try (Writer w = Files.newBufferedWriter(config)) {
            p.store(w, "SaslSslIT");
        }
        // The secrets come from the environment, as a container platform or a vault agent would pass them.
        Map<String, String> env = Map.of(
                "ALERTSTREAM_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"" + USER + "\" password=\"" + SCRAM_PASSWORD + "\";",
                "ALERTSTREAM_KAFKA_SSL_TRUSTSTORE_PASSWORD", tls.password());

        // Started as the launcher starts it (production logging: our lines on the console, library logs in a file),
        // so what is checked below is what an operator's console and log file would hold.
        Path workDir = Files.createDirectories(tmp.resolve("work"));
        try (ChildJvm app = ChildJvm.startLikeLauncher("secure-run", ChildJvm.logDir(SaslSslIT.class), List.of("run",
                "--bootstrap-servers", kafka.saslSslBootstrapServers(), "--application-id", fx.base.getProperty("application.id"),
                "--rules", rules.toString(), "--config", config.toString()), env, workDir)) {
            String running = app.awaitLine(Pattern.compile("alertstream running: application.id="), Duration.ofMinutes(3));
            Matcher logFile = Pattern.compile(" log=(\\S+)").matcher(running);
            assertThat(logFile.find()).as("the ready line names the log file: " + running).isTrue();

            long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
            String events = fx.config().inputTopics().get(0);
            try (EventSender sender = new EventSender(kafka.bootstrapServers()); AlertsReader reader = fx.alerts()) {
                for (int i = 0; i < 4; i++) {
                    sender.send(events, null, t0 + 1_000 + i * 1_000, "checkout", event(t0 + 1_000 + i * 1_000, 503));
                }
                sender.send(events, null, t0 + 150_000, "other", event(t0 + 150_000, 200)).get();

                // Then: the alert was computed and written by the instance that only reaches Kafka over SASL_SSL.
                List<Map<String, Object>> alerts = reader.readUntil(a -> !a.isEmpty(), Duration.ofMinutes(2));
                assertThat(alerts.get(0)).containsEntry("ruleId", "tls-errors").containsEntry("status", "FIRING")
                        .containsEntry("group", Map.of("service", "checkout"));
            }
            assertThat(app.terminate(Duration.ofSeconds(60))).as("stops on SIGTERM").isTrue();

            String console = app.output();
            String log = Files.readString(workDir.resolve(logFile.group(1)), StandardCharsets.UTF_8);
            assertThat(log).as("the log file, where the effective config is logged").contains("security.protocol=SASL_SSL")
                    .contains("sasl.jaas.config=[hidden]").contains("ssl.truststore.password=[hidden]")
                    .doesNotContain(SCRAM_PASSWORD).doesNotContain(tls.password());
            assertThat(console).as("the console").contains("alertstream running:").doesNotContain(SCRAM_PASSWORD).doesNotContain(tls.password());
        }
    }

    @Test
    void shouldRefuseAClientWithAWrongPassword() {
        Map<String, Object> props = Map.of("bootstrap.servers", kafka.saslSslBootstrapServers(),
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-256",
                "ssl.truststore.location", tls.trustStore().toString(), "ssl.truststore.type", "PKCS12",
                "ssl.truststore.password", tls.password(),
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + USER + "\" password=\"wrong\";",
                "default.api.timeout.ms", 20_000, "request.timeout.ms", 10_000);
        try (Admin admin = Admin.create(props)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static String event(long time, int status) {
        return "{\"timestamp\":\"" + Instant.ofEpochMilli(time) + "\",\"service\":\"checkout\",\"status\":" + status + "}";
    }
}
