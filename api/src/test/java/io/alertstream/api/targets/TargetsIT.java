package io.alertstream.api.targets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiClient;
import io.alertstream.api.ApiTestSupport;
import io.alertstream.api.SingleApi;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets routes against a real broker and a real {@link ApiApp}: create, read, list, replace and delete
 * with ownership (403 another user's, 404 unknown), 400s naming the field, the exact JSON the probe connector
 * reads on the {@code targets} topic, and a {@code targets.yaml} published by the {@link RulePublisher}. Every
 * answer is checked against openapi.json ({@link ApiClient}).
 */
class TargetsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = SingleApi.ALICE;
    private static final String BOB = SingleApi.BOB;
    private static final String ROOT = SingleApi.ROOT;
    private static SingleApi api;
    private static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        api = SingleApi.start("targets-it", dir.resolve("state"));
        kafka = api.kafka;
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static ApiClient.Response send(String method, String path, String template, String who, String body) {
        return api.send(method, path, template, who, body);
    }

    /** The instance's settings, for the rule publisher of the same cluster. */
    private static Properties props() {
        return ApiTestSupport.engineTopics(kafka, "targets-it", dir.resolve("state"));
    }

    private static String create(String who, String body) {
        ApiClient.Response r = send("POST", "/v1/targets", "/v1/targets", who, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    @Test
    void shouldCreateReadListReplaceAndDeleteOnlyOwnTargets() {
        String id = create(ALICE, "{\"url\":\"https://shop.example.com/health\",\"interval\":\"1m\"}");
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        String one = "/v1/targets/{id}";
        ApiClient.Response got = send("GET", "/v1/targets/" + id, one, ALICE, null);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("interval_ms").asLong()).isEqualTo(60_000);
        assertThat(got.json().get("owners")).extracting(JsonNode::asText).containsExactly("alice");
        assertThat(send("GET", "/v1/targets/" + id, one, BOB, null).status()).isEqualTo(403);
        assertThat(send("GET", "/v1/targets/nope", one, ALICE, null).status()).isEqualTo(404);
        assertThat(ids(send("GET", "/v1/targets", "/v1/targets", ALICE, null).json())).contains(id);
        assertThat(ids(send("GET", "/v1/targets", "/v1/targets", BOB, null).json())).doesNotContain(id);
        assertThat(ids(send("GET", "/v1/targets", "/v1/targets", ROOT, null).json())).contains(id);

        assertThat(send("PUT", "/v1/targets/" + id, one, BOB, "{\"url\":\"https://x.example.com\"}").status()).isEqualTo(403);
        ApiClient.Response put = send("PUT", "/v1/targets/" + id, one, ALICE,
                "{\"url\":\"https://shop.example.com/ready\",\"owners\":[\"alice\",\"bob\"],\"threshold\":5}");
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().get("interval_ms").asLong()).as("PUT replaces: the interval is back to its default").isEqualTo(30_000);
        assertThat(put.json().get("created_at")).isEqualTo(got.json().get("created_at"));
        assertThat(put.json().get("owner").asText()).isEqualTo("alice");
        assertThat(send("GET", "/v1/targets/" + id, one, BOB, null).status()).as("bob is an owner now").isEqualTo(200);

        assertThat(send("DELETE", "/v1/targets/nope", one, ALICE, null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/targets/" + id, one, ALICE, null).status()).isEqualTo(204);
        assertThat(send("GET", "/v1/targets/" + id, one, ALICE, null).status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseInvalidTargetsNamingTheField() {
        Map<String, String> bad = Map.of(
                "{\"url\":\"ftp://example.com\"}", "'url'",
                "{\"url\":\"http://h\",\"interval\":\"1s\"}", "'interval'",
                "{\"url\":\"http://h\",\"interval\":\"10s\",\"timeout\":\"20s\"}", "'timeout'",
                "{\"url\":\"http://h\",\"expected_status\":{\"min\":500,\"max\":200}}", "'expected_status'",
                "{\"url\":\"http://h\",\"maintenance\":[{\"start\":\"yesterday\",\"end\":\"2026-12-01T00:00:00Z\"}]}", "'maintenance[0].start'",
                "{\"url\":\"http://h\",\"id\":\"mine\"}", "'id'");
        bad.forEach((body, field) -> {
            ApiClient.Response r = send("POST", "/v1/targets", "/v1/targets", ALICE, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().get("detail").asText()).as(body).contains(field);
        });
    }

    @Test
    void shouldWriteTheExactJsonTheProbeConnectorReads() throws Exception {
        String id = create(ALICE, "{\"url\":\"https://api.example.com/\",\"method\":\"head\",\"latency_threshold\":\"2s\","
                + "\"maintenance\":[{\"start\":\"2026-12-01T02:00:00Z\",\"end\":\"2026-12-01T03:00:00Z\"}]}");
        JsonNode record = JSON.readTree(targetsTopic().get(id));
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "owner", "url", "method", "interval_ms", "timeout_ms", "expected_status", "threshold",
                "latency_threshold_ms", "body_contains", "owners", "maintenance", "created_at", "updated_at");
        assertThat(record.get("method").asText()).isEqualTo("HEAD");
        assertThat(record.get("timeout_ms").asLong()).isEqualTo(10_000);
        assertThat(record.get("expected_status").toString()).isEqualTo("{\"min\":200,\"max\":399}");
        assertThat(record.get("latency_threshold_ms").asLong()).isEqualTo(2000);
        assertThat(record.get("body_contains").isNull()).isTrue();
        assertThat(record.get("maintenance").toString()).isEqualTo("[{\"start\":\"2026-12-01T02:00:00Z\",\"end\":\"2026-12-01T03:00:00Z\"}]");
    }

    @Test
    void shouldServeTheTargetsOfAPublishedTargetsFile() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("targets.yaml"), """
                owner: carol
                targets:
                  - id: shop-home
                    url: https://shop.example.com/
                    expected_status: {min: 200, max: 299}
                """);
        Properties p = props();
        try (RulePublisher publisher = RulePublisher.forConfig(p, AlertTopologyConfig.from(p))) {
            publisher.apply(RulesDirectory.load(rules));
        }
        String carol = "test:carol:carol@example.com:false";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ApiClient.Response r = send("GET", "/v1/targets/shop-home", "/v1/targets/{id}", carol, null);
        while (r.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = send("GET", "/v1/targets/shop-home", "/v1/targets/{id}", carol, null);
        }
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("owner").asText()).isEqualTo("carol");
        assertThat(r.json().get("expected_status").get("max").asInt()).isEqualTo(299);
        assertThat(send("GET", "/v1/targets/shop-home", "/v1/targets/{id}", ALICE, null).status()).isEqualTo(403);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("targets").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    /** The targets topic read to its end: latest value per key. */
    private static Map<String, String> targetsTopic() {
        Map<String, String> out = new java.util.HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "targets-it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of("targets"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    out.put(r.key(), r.value());
                }
                if (!out.isEmpty() && c.assignment().stream().allMatch(tp -> c.position(tp) >= c.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return out;
    }
}
