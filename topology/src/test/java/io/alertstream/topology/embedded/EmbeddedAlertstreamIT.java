package io.alertstream.topology.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine embedded through {@link Alertstream#builder()} against a real broker: a rule given as YAML
 * text fires on events produced to the events topic (the FIRING lands on the alerts topic), and
 * invalid rules fail start() with their file:line:column.
 */
class EmbeddedAlertstreamIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = """
            rules:
              - id: embedded-errors
                summary: "{{group.service}}: {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 2}
            """;
    private static EmbeddedKafka kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldFireOnEventsWithARuleGivenAsYamlText() throws Exception {
        try (RunningAlertstream engine = Alertstream.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .applicationId("embedded-it")
                .rules(Map.of("embedded.yaml", RULE))
                .stateDir(tmp.resolve("state"))
                .topics(1, (short) 1)
                // A quiet input stops holding the watermark back after 1 s instead of 30 s.
                .property("alertstream.idle.timeout", "1s")
                .start()) {
            assertThat(engine.awaitRunning(Duration.ofSeconds(90))).as("Kafka Streams RUNNING").isTrue();

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    String event = "{\"timestamp\":\"" + Instant.now() + "\",\"service\":\"checkout\",\"status\":503}";
                    producer.send(new ProducerRecord<>("events", "checkout", event)).get();
                }
            }

            JsonNode firing = awaitAlert("alerts", a -> "embedded-errors".equals(a.path("ruleId").asText())
                    && "FIRING".equals(a.path("status").asText()), Duration.ofMinutes(2));
            assertThat(firing.path("alertKey").asText()).isEqualTo("embedded-errors|service=\"checkout\"");
            assertThat(firing.path("level").asText()).isEqualTo("warning");
        }
    }

    @Test
    void shouldPublishARulesDirectoryAndReloadItsEdits() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("rules"));
        java.nio.file.Files.writeString(dir.resolve("a.yaml"), RULE.replace("embedded-errors", "dir-rule-a"));
        Properties client = new Properties();
        client.put("bootstrap.servers", kafka.bootstrapServers());
        try (RunningAlertstream engine = Alertstream.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .applicationId("embedded-dir-it")
                .rules(dir)
                .stateDir(tmp.resolve("state"))
                .topics(1, (short) 1)
                .start();
             io.alertstream.topology.runtime.RulePublisher rules = new io.alertstream.topology.runtime.RulePublisher(client, "rules")) {
            assertThat(rules.published()).as("published at start").containsKey("dir-rule-a");

            java.nio.file.Files.writeString(dir.resolve("b.yaml"), RULE.replace("embedded-errors", "dir-rule-b"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!rules.published().containsKey("dir-rule-b") && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(rules.published()).as("hot reload of the directory").containsKeys("dir-rule-a", "dir-rule-b");
            assertThat(engine.streams().state().isRunningOrRebalancing()).isTrue();
        }
    }

    @Test
    void shouldRefuseInvalidRulesWithFileLineAndColumn() {
        String broken = """
                rules:
                  - id: broken
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: lots}
                """;
        assertThatThrownBy(() -> Alertstream.builder().bootstrapServers(kafka.bootstrapServers())
                .rules(Map.of("broken.yaml", broken)).stateDir(tmp.resolve("never")).start())
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageMatching("(?s).*broken\\.yaml:6:\\d+: .*");
        assertThat(tmp.resolve("never")).as("nothing was started").doesNotExist();
    }

    private static JsonNode awaitAlert(String topic, java.util.function.Predicate<JsonNode> wanted, Duration timeout) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.value());
                    JsonNode alert = JSON.readTree(r.value());
                    if (wanted.test(alert)) {
                        return alert;
                    }
                }
            }
        }
        throw new AssertionError("no matching alert on " + topic + " within " + timeout + "; saw " + seen);
    }
}
