package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.RulesDirectory;
import java.nio.file.Files;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RulePublisher#apply(RulesDirectory)} with a {@code targets.yaml}, against a real broker: each valid
 * target reaches the compacted targets topic as the probe connector reads it (an invalid one does not, its
 * problem goes to the rule-problems topic), an unchanged target is not written again, a changed one (any field,
 * its owner too) is written keeping its {@code created_at}, and nothing is ever deleted from the topic.
 */
class TargetsPublishingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = """
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

    private static Properties props(String prefix) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("alertstream.topic.rules", prefix + "-rules");
        p.put(io.alertstream.topology.notify.NotifyConfig.ROUTING_TOPIC_CONFIG, prefix + "-routing");
        p.put("alertstream.topic.rule-problems", prefix + "-problems");
        p.put("alertstream.topic.targets", prefix + "-targets");
        return p;
    }

    private static void apply(Properties props, Path dir) throws Exception {
        try (RulePublisher publisher = RulePublisher.forConfig(props, AlertTopologyConfig.from(props))) {
            publisher.apply(RulesDirectory.load(dir));
        }
    }

    @Test
    void shouldPublishEachValidTargetAsTheProbeConnectorReadsItAndTheProblemsOfTheOthers() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("first"));
        Files.writeString(dir.resolve("hits.yaml"), RULE);
        Files.writeString(dir.resolve("targets.yaml"), """
                owner: carol
                targets:
                  - id: shop-home
                    url: https://shop.example.com/
                    method: head
                    interval: 1m
                    latency_threshold: 2s
                    maintenance: [{start: "2026-12-01T02:00:00Z", end: "2026-12-01T03:00:00Z"}]
                  - id: api
                    owner: dave
                    url: https://api.example.com/health
                    owners: [dave, ops]
                  - id: broken
                    url: ftp://example.com/
                """);
        Properties props = props("first");
        Instant before = Instant.now();
        apply(props, dir);

        List<ConsumerRecord<String, String>> records = readAll("first-targets");
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("shop-home", "api");
        JsonNode shop = JSON.readTree(latest(records).get("shop-home"));
        List<String> names = new ArrayList<>();
        shop.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "owner", "url", "method", "interval_ms", "timeout_ms", "expected_status", "threshold",
                "latency_threshold_ms", "body_contains", "owners", "maintenance", "created_at", "updated_at");
        assertThat(shop.get("owner").asText()).isEqualTo("carol");
        assertThat(shop.get("owners").toString()).isEqualTo("[\"carol\"]");
        assertThat(shop.get("method").asText()).isEqualTo("HEAD");
        assertThat(shop.get("interval_ms").asLong()).isEqualTo(60_000);
        assertThat(shop.get("latency_threshold_ms").asLong()).isEqualTo(2000);
        assertThat(shop.get("maintenance").toString()).isEqualTo("[{\"start\":\"2026-12-01T02:00:00Z\",\"end\":\"2026-12-01T03:00:00Z\"}]");
        assertThat(Instant.parse(shop.get("created_at").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(shop.get("updated_at")).isEqualTo(shop.get("created_at"));
        JsonNode api = JSON.readTree(latest(records).get("api"));
        assertThat(api.get("owner").asText()).as("an entry's owner wins over the file's").isEqualTo("dave");
        assertThat(api.get("owners").toString()).isEqualTo("[\"dave\",\"ops\"]");

        JsonNode problems = JSON.readTree(latest(readAll("first-problems")).get(RulePublisher.publisherId(dir)));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).get("file").asText()).endsWith("targets.yaml");
        assertThat(problems.get(0).get("line").asInt()).isEqualTo(14);
        assertThat(problems.get(0).get("message").asText()).contains("url");
        assertThat(latest(readAll("first-rules"))).as("the rules are published beside the targets").containsOnlyKeys("hits");
    }

    @Test
    void shouldWriteOnlyChangedTargetsKeepingCreatedAtAndNeverDelete() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("again"));
        Path file = dir.resolve("targets.yaml");
        String v1 = """
                owner: carol
                targets:
                  - id: shop-home
                    url: https://shop.example.com/
                  - id: team-api
                    url: https://api.example.com/
                    owners: [ops]
                  - id: gone-later
                    url: https://old.example.com/
                """;
        Files.writeString(file, v1);
        Properties props = props("again");
        // A target made through the API, unknown to the file.
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            apply(props, dir);
            p.send(new ProducerRecord<>("again-targets", "from-the-api", "{\"id\":\"from-the-api\",\"owner\":\"alice\"}")).get();
        }
        Map<String, String> first = latest(readAll("again-targets"));
        assertThat(readAll("again-targets")).hasSize(4);

        Thread.sleep(20); // a later load stamps a later time
        apply(props, dir);
        assertThat(readAll("again-targets")).as("re-applying an unchanged file writes nothing").hasSize(4);

        Thread.sleep(20);
        Files.writeString(file, v1.replace("https://shop.example.com/", "https://shop.example.com/health")
                .replace("owner: carol", "owner: dave")
                .replace("""
                          - id: gone-later
                            url: https://old.example.com/
                        """, ""));
        apply(props, dir);
        List<ConsumerRecord<String, String>> records = readAll("again-targets");
        assertThat(records).extracting(ConsumerRecord::key)
                .as("the changed url and the new owner of team-api (its owners unchanged) are written, nothing else")
                .containsExactlyInAnyOrder("shop-home", "shop-home", "team-api", "team-api", "gone-later", "from-the-api");
        Map<String, String> now = latest(records);
        JsonNode shop = JSON.readTree(now.get("shop-home"));
        assertThat(shop.get("url").asText()).isEqualTo("https://shop.example.com/health");
        assertThat(shop.get("owner").asText()).isEqualTo("dave");
        assertThat(shop.get("created_at")).isEqualTo(JSON.readTree(first.get("shop-home")).get("created_at"));
        assertThat(Instant.parse(shop.get("updated_at").asText())).isAfter(Instant.parse(shop.get("created_at").asText()));
        JsonNode api = JSON.readTree(now.get("team-api"));
        assertThat(api.get("owner").asText()).isEqualTo("dave");
        assertThat(api.get("owners").toString()).isEqualTo("[\"ops\"]");
        assertThat(api.get("created_at")).isEqualTo(JSON.readTree(first.get("team-api")).get("created_at"));
        assertThat(now).as("targets are never deleted from the file's side").containsKeys("gone-later", "from-the-api");
    }

    /** Latest value per key, tombstones applied. */
    private static Map<String, String> latest(List<ConsumerRecord<String, String>> records) {
        Map<String, String> out = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            if (r.value() == null) {
                out.remove(r.key());
            } else {
                out.put(r.key(), r.value());
            }
        }
        return out;
    }

    /** Every record of the topic, in offset order per partition. */
    private static List<ConsumerRecord<String, String>> readAll(String topic) {
        Map<String, Object> p = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
