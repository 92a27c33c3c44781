package io.alertstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka transport through the client against a real broker (the testkit's embedded KRaft broker),
 * including an outage: the broker stops while the application keeps sending, and comes back.
 */
class KafkaTransportIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedKafka kafka;

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

    private static Map<String, Object> event(int seq) {
        return Map.of("service", "checkout-" + (seq % 3), "status", 500, "seq", seq);
    }

    private AlertstreamClientBuilder client(String topic, int capacity) {
        return AlertstreamClient.kafka(kafka.bootstrapServers(), topic).keyField("service")
                .bufferCapacity(capacity).batchSize(50).lingerMs(20).backoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                // Short producer timeouts, so the outage comes back to the client's own retry loop (the part under test).
                .kafkaProperty("max.block.ms", "2000").kafkaProperty("request.timeout.ms", "2000")
                .kafkaProperty("delivery.timeout.ms", "4000");
    }

    @Test
    void shouldDeliverKeyedEventsInOrder() throws Exception {
        kafka.createTopic("client-keyed", 1, Map.of());
        try (AlertstreamClient client = client("client-keyed", 1_000).build()) {
            for (int i = 0; i < 120; i++) {
                assertThat(client.send(event(i))).isTrue();
            }
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(client.sent()).isEqualTo(120);
        }
        List<ConsumerRecord<String, String>> records = readAll("client-keyed", 120);
        assertThat(records).extracting(r -> seq(r.value())).isEqualTo(range(0, 120));
        assertThat(records).allMatch(r -> r.key().equals("checkout-" + (seq(r.value()) % 3)));
    }

    @Test
    void shouldLoseNothingUpToTheBufferBoundWhileTheBrokerIsDown() throws Exception {
        kafka.createTopic("client-outage", 1, Map.of());
        List<Object> droppedEvents = new CopyOnWriteArrayList<>();
        List<Integer> accepted = new ArrayList<>();
        try (AlertstreamClient client = client("client-outage", 200)
                .onDrop((e, reason) -> droppedEvents.add(e)).closeTimeout(Duration.ofSeconds(30)).build()) {
            for (int i = 0; i < 100; i++) {
                assertThat(client.send(event(i))).isTrue();
                accepted.add(i);
            }
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();

            kafka.stop();
            for (int i = 100; i < 600; i++) {
                if (client.send(event(i))) {
                    accepted.add(i);
                }
            }
            assertThat(client.flush(Duration.ofSeconds(3))).as("nothing gets through while the broker is down").isFalse();
            // The buffer (200) plus at most the batch the sender holds (50).
            assertThat(accepted.size() - 100).isBetween(200, 250);
            assertThat(client.dropped()).isEqualTo(500 - (accepted.size() - 100)).isEqualTo(droppedEvents.size());

            kafka.restart();
            assertThat(client.flush(Duration.ofSeconds(90))).as("delivered once the broker is back").isTrue();
            assertThat(client.sent()).isEqualTo(accepted.size());
        }
        List<ConsumerRecord<String, String>> records = readAll("client-outage", accepted.size());
        List<Integer> seqs = records.stream().map(r -> seq(r.value())).toList();
        assertThat(seqs).as("every accepted event exactly once").containsExactlyInAnyOrderElementsOf(accepted);
        assertThat(seqs.subList(0, 100)).as("in order before the outage").isEqualTo(range(0, 100));
        // During it, with this test's 4 s delivery timeout, records that expired may follow later ones (KafkaTransport's Javadoc).
    }

    @Test
    void shouldKeepTheOrderAcrossAnOutageShorterThanTheDeliveryTimeout() throws Exception {
        kafka.createTopic("client-short-outage", 1, Map.of());
        try (AlertstreamClient client = AlertstreamClient.kafka(kafka.bootstrapServers(), "client-short-outage")
                .batchSize(50).lingerMs(20).closeTimeout(Duration.ofSeconds(30)).build()) {
            for (int i = 0; i < 50; i++) {
                client.send(event(i));
            }
            assertThat(client.flush(Duration.ofSeconds(30))).isTrue();
            kafka.stop();
            for (int i = 50; i < 250; i++) {
                assertThat(client.send(event(i))).isTrue();
            }
            assertThat(client.flush(Duration.ofSeconds(2))).as("nothing gets through while the broker is down").isFalse();
            kafka.restart();
            assertThat(client.flush(Duration.ofSeconds(90))).isTrue();
            assertThat(client.dropped()).isZero();
        }
        List<ConsumerRecord<String, String>> records = readAll("client-short-outage", 250);
        assertThat(records).extracting(r -> seq(r.value())).as("every event once, in order").isEqualTo(range(0, 250));
    }

    private static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }

    private static int seq(String json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node.get("seq").asInt();
        } catch (Exception e) {
            throw new AssertionError("not an event: " + json, e);
        }
    }

    /** Reads the one-partition topic from the start until {@code expected} records, then a moment more to catch extras. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }
}
