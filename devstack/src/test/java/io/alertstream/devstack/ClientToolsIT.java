package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.TestTls;
import io.alertstream.topology.runtime.AlertStreamsApp;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alertstream produce} and {@code alertstream tail} through the launcher, as the README uses them,
 * against a broker reached over SASL_SSL with one config file (TLS trust store, SCRAM credentials, topic
 * names): the events produced alert, the alert shows as one readable line, bad lines are reported with
 * their line number, and a dead letter shows its reason.
 */
class ClientToolsIT {
    private static final String USER = "cli-user";
    private static final String PASSWORD = "cli-Pa55-" + Long.toHexString(System.nanoTime());
    private static final String RULE = """
            rules:
              - id: cli-errors
                summary: "{{group.service}}: {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: {function: avg, field: latency}
                triggers:
                  warning: {above: 100}
            """;

    @TempDir
    static Path tmp;
    private static TestTls tls;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startSecureBroker() {
        tls = TestTls.create(tmp.resolve("tls"));
        kafka = EmbeddedKafka.builder().saslSsl(tls).start();
        kafka.createScramUser(USER, PASSWORD);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldProduceEventsThatAlertAndTailTheAlertAndTheDeadLetterOverSaslSsl() throws Exception {
        StreamsFixture fx = new StreamsFixture(kafka.bootstrapServers(), tmp, Map.of());
        fx.createTopics(1);
        fx.publishRules(RULE);
        Path config = secureConfig(fx);

        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
        List<String> lines = new ArrayList<>();
        lines.add(event(t0 + 1_000, 503, 50.5));
        lines.add(event(t0 + 2_000, 503, 90.25));
        lines.add("this is not json");
        lines.add(event(t0 + 3_000, 502, 200.0));
        lines.add("{\"timestamp\":\"yesterday-ish\",\"service\":\"checkout\",\"status\":500}");
        lines.add(event(t0 + 150_000, 200, 1.0));
        Path events = tmp.resolve("events.jsonl");
        Files.write(events, lines);

        try (AlertStreamsApp app = fx.startInstance("cli")) {
            Launcher.Result produced = Launcher.run(null, List.of("produce", "--bootstrap-servers", kafka.saslSslBootstrapServers(),
                    "--config", config.toString(), "--key-field", "service", events.toString()));
            assertThat(produced.stdout()).contains("sent 5 event(s) to " + fx.config().inputTopics().get(0) + ", skipped 1 line(s)");
            assertThat(produced.stderr()).contains("events.jsonl:3: skipped");
            assertThat(produced.exitCode()).as("a skipped line makes the exit code 1").isEqualTo(1);

            Launcher.Result alerts = Launcher.run(null, List.of("tail", "alerts", "--from-beginning", "--max", "1", "--for", "2m",
                    "--bootstrap-servers", kafka.saslSslBootstrapServers(), "--config", config.toString()));
            assertThat(alerts.exitCode()).as(alerts.stderr()).isZero();
            // Only the third error lifts the average above 100: (50.5 + 90.25 + 200) / 3 = 113.5833…, shown
            // with four significant digits.
            assertThat(alerts.stdout()).contains("FIRING", "warning", "cli-errors|service=\"checkout\"", "value 113.6 > 100");

            Launcher.Result json = Launcher.run(null, List.of("tail", "alerts", "--from-beginning", "--max", "1", "--json", "--for", "1m",
                    "--bootstrap-servers", kafka.saslSslBootstrapServers(), "--config", config.toString()));
            assertThat(json.stdout()).contains("\"ruleId\":\"cli-errors\"", "\"status\":\"FIRING\"");

            Launcher.Result dlq = Launcher.run(null, List.of("tail", "dlq", "--from-beginning", "--max", "1", "--for", "2m",
                    "--bootstrap-servers", kafka.saslSslBootstrapServers(), "--config", config.toString()));
            assertThat(dlq.stdout()).contains("bad-timestamp", "from " + fx.config().inputTopics().get(0) + "-0@", "yesterday-ish");
        }
    }

    private static Path secureConfig(StreamsFixture fx) throws Exception {
        Properties p = new Properties();
        for (String key : fx.base.stringPropertyNames()) {
            if (key.startsWith("alertstream.topic.") || key.startsWith("alertstream.digest.topic.") || key.startsWith("alertstream.notify.topic.")) {
                p.put(key, fx.base.getProperty(key));
            }
        }
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "SCRAM-SHA-256");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                + "\" password=\"" + PASSWORD + "\";");
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.password", tls.password());
        Path file = tmp.resolve("client.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            p.store(w, "ClientToolsIT");
        }
        return file;
    }

    private static String event(long time, int status, double latency) {
        return "{\"timestamp\":\"" + Instant.ofEpochMilli(time) + "\",\"service\":\"checkout\",\"status\":" + status
                + ",\"latency\":" + latency + "}";
    }
}
