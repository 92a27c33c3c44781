package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
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

/**
 * Silences and inhibition against a real broker (two partitions, so the global firing view crosses tasks), across a
 * restart of the application: given a silence and a firing inhibitor, when the application is stopped and started
 * again, then the held-back alerts are still held back, the silence's end and the inhibitor's resolution tell them
 * once, an until-resolved silence ends when what it matched resolves, and no notification is repeated (every id is
 * new, no alert is told firing twice).
 */
class SilenceRestartIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static EmbeddedKafka kafka;
    private static Properties props;
    private static AlertTopologyConfig config;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        props = AppConfig.defaults();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "silence-restart-it");
        props.put("state.dir", Files.createTempDirectory(Files.createDirectories(Path.of("target", "silence-restart-it")), "state-").toString());
        props.put("commit.interval.ms", "100");
        config = AlertTopologyConfig.from(props);
        TopicProvisioner.provision(props, config, 2, (short) 1);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldKeepHoldingBackAcrossARestartAndTellWhatWasHeldBackOnce() throws Exception {
        Instant silenceEnd = Instant.now().plusSeconds(90);
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(config.notifications().routingTopic(), "routing", """
                    receivers:
                      - {name: oncall, email: {to: [oncall@example.com]}}
                      - {name: alice, email: {to: [alice@example.com]}}
                    route:
                      receiver: oncall
                      group_by: [service]
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 1h
                    inhibit_rules:
                      - {source_match: {rule: db-down}, target_match: {team: ops}, equal: [cluster]}
                    """)).get();
            producer.send(new ProducerRecord<>(config.notifications().silencesTopic(), "s1", "{\"id\":\"s1\",\"matchers\":[\"service=checkout\"],"
                    + "\"ends_at\":\"" + silenceEnd + "\",\"created_by\":\"alice\",\"comment\":\"deploy\"}")).get();
            producer.send(new ProducerRecord<>(config.notifications().silencesTopic(), "s2", "{\"id\":\"s2\",\"matchers\":[\"service=search\"],"
                    + "\"until\":\"resolved\",\"created_by\":\"alice\",\"comment\":\"reindex\"}")).get();
        }
        List<String> ids = new ArrayList<>();
        try (AlertStreamsApp app = AlertStreamsApp.start(props, 2, (short) 1, Duration.ofSeconds(60))) {
            try (KafkaProducer<String, String> producer = producer()) {
                send(producer, alert("db-down", "db", "FIRING", "{\"cluster\":\"eu\"}"));
                Thread.sleep(2_000); // the inhibitor reaches the firing view before its targets fire
                send(producer, alert("r1", "checkout", "FIRING", "{\"team\":\"shop\"}"));
                send(producer, alert("r1", "cart", "FIRING", "{\"team\":\"ops\",\"cluster\":\"eu\"}"));
                send(producer, alert("r1", "api", "FIRING", "{\"team\":\"ops\",\"cluster\":\"us\"}"));
                send(producer, alert("r1", "search", "FIRING", "{\"team\":\"shop\"}"));
            }
            List<JsonNode> before = await(l -> told(l).containsAll(Set.of("firing:db", "firing:api", "silence-started:s1",
                    "silence-started:s2")));
            Thread.sleep(3_000);
            before = await(l -> true);
            assertThat(told(before)).as("checkout and search silenced, cart inhibited").containsExactlyInAnyOrder("firing:db",
                    "firing:api", "silence-started:s1", "silence-started:s2");
        }
        try (AlertStreamsApp app = AlertStreamsApp.start(props, 2, (short) 1, Duration.ofSeconds(60))) {
            Thread.sleep(3_000);
            assertThat(told(await(l -> true))).as("after the restart, still held back").hasSize(4);
            List<JsonNode> after = await(l -> told(l).containsAll(Set.of("firing:checkout", "silence-ended:s1")));
            assertThat(Instant.now()).isAfter(silenceEnd);
            try (KafkaProducer<String, String> producer = producer()) {
                send(producer, alert("db-down", "db", "RESOLVED", "{\"cluster\":\"eu\"}"));
                send(producer, alert("r1", "search", "RESOLVED", "{\"team\":\"shop\"}"));
            }
            after = await(l -> told(l).containsAll(Set.of("firing:cart", "resolved:db", "silence-ended:s2")));
            Thread.sleep(3_000);
            after = await(l -> true);
            assertThat(told(after)).containsExactlyInAnyOrder("firing:db", "firing:api", "silence-started:s1", "firing:checkout",
                    "silence-ended:s1", "firing:cart", "resolved:db", "silence-started:s2", "silenced-alert-resolved:s2",
                    "silence-ended:s2");
            after.forEach(n -> ids.add(n.get("id").asText()));
        }
        assertThat(new HashSet<>(ids)).as("no notification written twice").hasSize(ids.size());
    }

    /** {@code kind:service} of each notification ({@code kind:silence} for notices). */
    private static List<String> told(List<JsonNode> notifications) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : notifications) {
            String about = n.has("silence") ? n.at("/silence/id").asText() : n.at("/groupLabels/service").asText();
            out.add(n.get("kind").asText() + ":" + about);
        }
        return out;
    }

    private static String alert(String rule, String service, String status, String labels) {
        String key = rule + "|" + service;
        String now = Instant.now().toString();
        return "{\"id\":\"" + key + "-" + status + "\",\"alertKey\":\"" + key + "\",\"ruleId\":\"" + rule + "\",\"status\":\"" + status + "\""
                + (status.equals("FIRING") ? ",\"level\":\"critical\"" : ",\"previousLevel\":\"critical\"")
                + ",\"group\":{\"service\":\"" + service + "\"},\"at\":\"" + now + "\",\"summary\":\"" + service + "\",\"labels\":" + labels + "}";
    }

    private static void send(KafkaProducer<String, String> producer, String alert) throws Exception {
        String key = JSON.readTree(alert).get("alertKey").asText();
        producer.send(new ProducerRecord<>(config.alertsTopic(), key, alert)).get();
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()), new StringSerializer(), new StringSerializer());
    }

    /** The notifications topic from the start (committed only), once {@code done} holds or the timeout passed. */
    private static List<JsonNode> await(Predicate<List<JsonNode>> done) {
        String topic = config.notifications().notificationsTopic();
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        out.add(JSON.readTree(r.value()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                boolean caughtUp = end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
                if (caughtUp && done.test(out)) {
                    break;
                }
                if (caughtUp) {
                    end = consumer.endOffsets(partitions);
                }
            }
        }
        return out;
    }
}
