package io.alertstream.connectors.probe;

import static io.alertstream.connectors.notification.NotificationItSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedKafka;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe source in a real Connect worker against a real broker and a local HTTP server answering 503:
 * results arrive at the interval, one per request the server saw, and a task restart and a connector
 * stop/resume neither skip nor repeat a scheduled slot beyond one interval.
 */
class ProbeSourceIT {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProbeSourceIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long INTERVAL = 5_000;
    private static final String CONNECTOR = "probe-it";
    private static EmbeddedKafka kafka;
    private static EmbeddedConnect connect;
    private static HttpServer server;
    private static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        server.createContext("/", exchange -> {
            requests.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        kafka = EmbeddedKafka.start();
        connect = EmbeddedConnect.start(kafka.bootstrapServers());
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void resultsShouldArriveAtTheIntervalAndSurviveRestartsWithoutSkippedOrDoubledSlots() throws Exception {
        kafka.createTopic("targets", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("probes", 1, Map.of());
        List<String> ids = List.of("site-a", "site-b");
        sendTargets(ids);
        connect.putConnector(CONNECTOR, connectorConfig());
        connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(90));

        await(() -> readProbes().size() >= 6, () -> "probes so far: " + readProbes().size());
        List<JsonNode> firstRun = readProbes();
        JsonNode first = firstRun.get(0);
        assertThat(first.get("kind").asText()).isEqualTo("probe");
        assertThat(first.get("status").asInt()).isEqualTo(503);
        assertThat(first.get("ok").asBoolean()).isFalse();
        assertThat(first.get("error").asText()).isEqualTo("unexpected-status");
        assertThat(first.get("location").asText()).isEqualTo("it-location");
        assertThat(first.get("owners")).hasSize(2);
        assertThat(first.get("cert_expires_in_days").isNull()).isTrue();
        for (String id : ids) {
            long results = firstRun.stream().filter(r -> r.get("target").asText().equals(id)).count();
            int seen = requests.getOrDefault("/" + id, new AtomicInteger()).get();
            // A request may be in flight, or its result not yet read.
            assertThat(seen - results).as("requests seen minus results for %s", id).isBetween(0L, 1L);
        }

        // A task restart: the task stops (offsets flushed) and starts again, reading its offsets.
        post("/connectors/" + CONNECTOR + "/tasks/0/restart", "POST");
        Thread.sleep(INTERVAL + 2_000);
        // A connector stop and resume of about one interval.
        post("/connectors/" + CONNECTOR + "/stop", "PUT");
        Thread.sleep(INTERVAL);
        post("/connectors/" + CONNECTOR + "/resume", "PUT");
        connect.awaitConnectorRunning(CONNECTOR, 1, Duration.ofSeconds(90));
        int before = readProbes().size();
        await(() -> readProbes().size() >= before + 6, () -> "probes after resume: " + readProbes().size());

        List<JsonNode> all = readProbes();
        for (String id : ids) {
            List<Long> slots = all.stream().filter(r -> r.get("target").asText().equals(id))
                    .map(r -> r.get("scheduled_ms").asLong()).sorted().toList();
            long duplicates = slots.size() - slots.stream().distinct().count();
            assertThat(duplicates).as("slots of %s checked twice: %s", id, slots).isLessThanOrEqualTo(2);
            List<Long> distinct = slots.stream().distinct().toList();
            LOG.info("Slots of {} relative to the first, in intervals: {}", id,
                    slots.stream().map(slot -> (slot - slots.get(0)) / INTERVAL).toList());
            for (int i = 1; i < distinct.size(); i++) {
                long gap = distinct.get(i) - distinct.get(i - 1);
                assertThat(gap % INTERVAL).as("slots of %s on the schedule: %s", id, distinct).isZero();
                assertThat(gap).as("gap between checks of %s (at most one slot missed): %s", id, distinct)
                        .isBetween(INTERVAL, 2 * INTERVAL);
            }
        }
        connect.deleteConnector(CONNECTOR);
    }

    private static Map<String, String> connectorConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ProbeSourceConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("targets.bootstrap.servers", kafka.bootstrapServers());
        config.put("probe.allow.private.networks", "true");
        config.put("probe.location", "it-location");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        return config;
    }

    private static void sendTargets(List<String> ids) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String id : ids) {
                String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/" + id;
                producer.send(new ProducerRecord<>("targets", id,
                        TestTargets.json(id, url, ",\"interval_ms\":" + INTERVAL + ",\"timeout_ms\":2000"))).get();
            }
        }
    }

    private static List<JsonNode> readProbes() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<JsonNode> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition("probes", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(JSON.readTree(record.value()));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    private static void post(String path, String method) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(connect.restUrl() + path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 299);
    }
}
