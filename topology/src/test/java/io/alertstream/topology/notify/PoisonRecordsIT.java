package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.processors.DeadLetters;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Poison records against a real broker, where limits TopologyTestDriver does not have apply (the
 * producer's 1 MiB {@code max.request.size}, a global thread that must restore the store before the
 * application runs). Given bad records already on the rules and routing topics, when the application
 * starts, then it reaches RUNNING with the good routing; and an alert just under 1 MiB is dead-lettered
 * (cut to fit) while a valid alert after it is still notified.
 */
class PoisonRecordsIT {

    @Test
    void shouldStartAndKeepRunningOverPoisonOnTheRulesRoutingAndAlertsTopics() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Properties props = AppConfig.defaults();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put("application.id", "poison-it");
            props.put("state.dir", Files.createTempDirectory(Files.createDirectories(Path.of("target", "poison-it")), "state-").toString());
            props.put("commit.interval.ms", "100");
            AlertTopologyConfig config = AlertTopologyConfig.from(props);
            TopicProvisioner.provision(props, config, 1, (short) 1);
            String rules = config.rulesTopic();
            String routing = config.notifications().routingTopic();
            try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                send(producer, rules, "r1", "{\"id\":\"r1\",\"window\":{\"size\":\"4294967346ms\",\"advance\":\"1ms\"},"
                        + "\"aggregate\":\"count\",\"triggers\":{\"warning\":{\"above\":1}}}");
                send(producer, rules, "r2", "{\"id\":\"r2\",\"window\":{\"size\":\"99999999999999999999s\"}}");
                send(producer, rules, "r3", "{\"id\":");
                send(producer, rules, "r4", "x".repeat(1_000_000));
                send(producer, routing, "routing", "route: {receiver: team, repeat_interval: 200000000000d}");
                send(producer, routing, "routing", """
                        receivers:
                          - {name: team, email: {to: [team@example.com]}}
                        route: {receiver: team, group_wait: 0s}
                        """);
                send(producer, routing, "routing", "receivers: [{name: ");
            }
            try (AlertStreamsApp app = AlertStreamsApp.start(props, 1, (short) 1, Duration.ofSeconds(60))) {
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
                try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
                    byte[] huge = ("{\"alertKey\":\"" + "x".repeat(1_040_000) + "\"}").getBytes(StandardCharsets.UTF_8);
                    producer.send(new ProducerRecord<>(config.alertsTopic(), null, huge)).get();
                    send(producer, config.alertsTopic(), "r1|checkout", """
                            {"id":"a1","alertKey":"r1|checkout","ruleId":"r1","status":"FIRING","level":"warning",
                             "group":{"service":"checkout"},"at":"2026-01-01T00:00:00Z","summary":"checkout is failing","labels":{}}""");
                }
                List<ConsumerRecord<byte[], byte[]>> dead = await(kafka, config.notifications().deadLetterTopic(), l -> !l.isEmpty());
                assertThat(dead).singleElement().satisfies(r -> {
                    // Too large to dead-letter whole: the value is left out, the source headers point at it.
                    assertThat(r.value()).isNull();
                    assertThat(new String(r.headers().lastHeader(DeadLetters.DROPPED).value(), StandardCharsets.UTF_8))
                            .startsWith("value (");
                    assertThat(new String(r.headers().lastHeader(DeadLetters.ERROR_TYPE).value(), StandardCharsets.UTF_8))
                            .isEqualTo("alert-too-large");
                });
                List<ConsumerRecord<byte[], byte[]>> notifications = await(kafka, config.notifications().notificationsTopic(),
                        l -> !l.isEmpty());
                assertThat(new String(notifications.get(0).value(), StandardCharsets.UTF_8)).contains("r1|checkout").contains("team");
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.block.ms", 10_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8))).get();
    }

    /** Committed records of a topic, polled until {@code done} holds or 60 s pass. */
    private static List<ConsumerRecord<byte[], byte[]>> await(EmbeddedKafka kafka, String topic,
                                                             Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "poison-it-" + topic, "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 60_000;
            while (!done.test(out) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
