package io.alertstream.api.alerts;

import static io.alertstream.api.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTestSupport;
import io.alertstream.api.OpenApiContract;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import io.alertstream.topology.model.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/alerts/{key}/ack} against a real broker with two API instances sharing a 4-partition
 * {@code alerts} topic: whichever instance is asked, only a caller who may see the alert acknowledges it,
 * the ack lands on the compacted {@code acks} topic keyed by alert key, and the alert's history lists it.
 * Every answer is checked against {@code openapi.json}.
 */
class AckIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ALICE = TestAuthenticator.header("alice", "alice@example.com", false);
    private static final String CAROL = TestAuthenticator.header("carol", "carol@example.com", false);
    private static EmbeddedKafka kafka;
    private static ApiApp one;
    private static ApiApp two;
    private static KafkaProducer<String, String> producer;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopic("alerts", 4, Map.of());
        kafka.createTopic("acks", 4, Map.of("cleanup.policy", "compact"));
        one = ApiApp.start(props(stateDir.resolve("one")), Duration.ofSeconds(60), new TestAuthenticator());
        two = ApiApp.start(props(stateDir.resolve("two")), Duration.ofSeconds(60), new TestAuthenticator());
        waitFor("both instances run and share the alert partitions", () -> shared(one) && shared(two));
        producer = KafkaTestClients.producer(kafka.bootstrapServers(), Map.of());
    }

    private static boolean shared(ApiApp app) {
        return ApiTestSupport.sharesPartitions(app, ApiStores.FIRING, 2);
    }

    private static Properties props(Path dir) {
        return ApiTestSupport.engineTopics(kafka, "ack-it", dir);
    }

    @AfterAll
    static void stop() {
        Waits.closeAll(producer, one, two, kafka);
    }

    @Test
    void shouldAcknowledgeAFiringAlertOnlyForWhoMaySeeItFromEitherInstance() throws Exception {
        List<String> keys = List.of("pay-1", "pay-2", "pay-3", "pay-4", "pay-5", "pay-6");
        for (String key : keys) {
            send(alert(key, key + "-f", Alert.FIRING, 1));
        }
        send(alert("pay-6", "pay-6-r", Alert.RESOLVED, 2));
        for (String key : keys) {
            waitFor(key + " is known", () -> quietly(() -> get(one, "/v1/alerts/" + key, ALICE).status() == 200));
        }
        for (String key : keys.subList(0, 5)) {
            for (ApiApp app : List.of(one, two)) {
                assertThat(post(app, "/v1/alerts/" + key + "/ack", CAROL).status()).as("carol may not see " + key).isEqualTo(403);
            }
            Answer acked = post(key.hashCode() % 2 == 0 ? one : two, "/v1/alerts/" + key + "/ack", ALICE);
            assertThat(acked.status()).isEqualTo(201);
            assertThat(acked.body().get("alertKey").asText()).isEqualTo(key);
            assertThat(acked.body().get("user").asText()).isEqualTo("alice");
            assertThat(acked.body().get("startsAt").asText()).as("the firing episode it covers").isEqualTo(T0.toString());
        }
        assertThat(post(one, "/v1/alerts/pay-6/ack", ALICE).status()).as("resolved: nothing to acknowledge").isEqualTo(409);
        assertThat(post(two, "/v1/alerts/nope/ack", ALICE).status()).isEqualTo(404);

        waitFor("both instances list the ack in the alert's history", () -> quietly(() -> {
            for (ApiApp app : List.of(one, two)) {
                JsonNode detail = get(app, "/v1/alerts/pay-1", ALICE).body();
                if (detail.get("acks").size() != 1 || !"alice".equals(detail.at("/acks/0/user").asText())
                        || !"alice".equals(detail.at("/current/acknowledgedBy/0").asText())) {
                    return false;
                }
            }
            return true;
        }));
        waitFor("the list shows who acknowledged each firing alert (pay-6 resolved)", () -> quietly(() -> {
            JsonNode list = get(one, "/v1/alerts", ALICE).body().get("alerts");
            java.util.Map<String, String> ackedBy = new java.util.TreeMap<>();
            list.forEach(v -> ackedBy.put(v.get("alertKey").asText(), v.get("acknowledgedBy").toString()));
            return ackedBy.equals(java.util.Map.of("pay-1", "[\"alice\"]", "pay-2", "[\"alice\"]", "pay-3", "[\"alice\"]",
                    "pay-4", "[\"alice\"]", "pay-5", "[\"alice\"]"));
        }));
        List<ConsumerRecord<String, String>> written = acksTopic(5);
        assertThat(written).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(keys.subList(0, 5));
        assertThat(JSON.readTree(written.get(0).value()).get("startsAt").asText()).isEqualTo(T0.toString());
    }

    private static List<ConsumerRecord<String, String>> acksTopic(int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ConsumerConfig.GROUP_ID_CONFIG, "ack-it-reader", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("acks"));
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (out.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            return out;
        }
    }

    private static Alert alert(String key, String id, String status, int seconds) {
        return new Alert(id, key, "rule-pay", status, Alert.FIRING.equals(status) ? "warning" : null, null, Map.of("service", key),
                12.0, 10.0, null, T0.toString(), T0.plusSeconds(seconds).toString(), key + " fails", Map.of("team", "payments"),
                List.of("alice"), List.of());
    }

    private static void send(Alert a) throws Exception {
        producer.send(new ProducerRecord<>("alerts", a.alertKey(), JSON.writeValueAsString(a))).get();
    }

    record Answer(int status, JsonNode body) {
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static boolean quietly(Check check) {
        try {
            return check.holds();
        } catch (Exception e) {
            return false;
        }
    }

    private static Answer get(ApiApp app, String path, String auth) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        CONTRACT.check("GET", path.equals("/v1/alerts") ? path : "/v1/alerts/{key}", r.statusCode(),
                r.headers().firstValue("Content-Type").orElse(null), r.body());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    private static Answer post(ApiApp app, String path, String auth) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        CONTRACT.check("POST", "/v1/alerts/{key}/ack", r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }
}
