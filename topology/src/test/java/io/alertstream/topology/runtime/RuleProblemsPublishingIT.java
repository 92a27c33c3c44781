package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Rule validation problems reach the compacted rule-problems topic, keyed by the directory's publisher
 * id: from the watcher's publish (problems, then an empty list once fixed) and from a refused
 * {@code rules apply}, which still publishes no rule.
 */
class RuleProblemsPublishingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GOOD = """
            rules:
              - id: hits
                filter: event.status >= 500
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 10}
            """;
    private static EmbeddedKafka kafka;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    private Properties props(String prefix) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("alertstream.topic.rules", prefix + "-rules");
        p.put(io.alertstream.topology.notify.NotifyConfig.ROUTING_TOPIC_CONFIG, prefix + "-routing");
        p.put("alertstream.topic.rule-problems", prefix + "-problems");
        return p;
    }

    @Test
    void shouldPublishTheDirectorysProblemsAndAnEmptyListOnceFixed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("rules"));
        Path file = dir.resolve("hot.yaml");
        Files.writeString(file, GOOD.replace("above: 10", "above: ten"));
        Properties props = props("watch");
        AlertTopologyConfig config = AlertTopologyConfig.from(props);
        try (RulePublisher publisher = RulePublisher.forConfig(props, config);
             RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(dir, publisher, p -> { })) {
            assertThat(watcher.publishNow()).isFalse();
            JsonNode problems = read(config.ruleProblemsTopic()).get(RulePublisher.publisherId(dir));
            assertThat(problems).as("problems under " + RulePublisher.publisherId(dir)).isNotNull().hasSize(1);
            assertThat(problems.get(0).get("file").asText()).endsWith("hot.yaml");
            assertThat(problems.get(0).get("line").asInt()).isEqualTo(7);
            assertThat(problems.get(0).get("column").asInt()).isPositive();
            assertThat(problems.get(0).get("message").asText()).isNotBlank();

            Files.writeString(file, GOOD);
            assertThat(watcher.publishNow()).isTrue();
            assertThat(read(config.ruleProblemsTopic()).get(RulePublisher.publisherId(dir))).isEmpty();
            assertThat(publisher.published()).containsOnlyKeys("hits");
        }
    }

    @Test
    void shouldPublishTheProblemsOfARefusedApplyButNoRule() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("refused"));
        Files.writeString(dir.resolve("bad.yaml"), GOOD.replace("above: 10", "above: ten"));
        Properties props = props("apply");
        Path config = tmp.resolve("apply.properties");
        try (var w = Files.newBufferedWriter(config)) {
            props.store(w, null);
        }
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Main()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()))
                .execute("rules", "apply", dir.toString(), "--bootstrap-servers", kafka.bootstrapServers(), "--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("bad.yaml:7:").contains("refused");
        JsonNode problems = read(props.getProperty("alertstream.topic.rule-problems")).get(RulePublisher.publisherId(dir));
        assertThat(problems).isNotNull().hasSize(1);
        assertThat(read(props.getProperty("alertstream.topic.rules"))).isEmpty();
    }

    private static Map<String, JsonNode> read(String topic) throws Exception {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        Map<String, JsonNode> out = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    out.put(r.key(), r.value() == null ? null : JSON.readTree(r.value()));
                }
            }
        }
        return out;
    }
}
