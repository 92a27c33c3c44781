package io.alertstream.api.silences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiClient;
import io.alertstream.api.ApiTestSupport;
import io.alertstream.api.SingleApi;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The silences routes against a real broker and a real {@link ApiApp}: create (the creator is the caller, notices go
 * to the caller's address), list, read, expire (403 another user's, 404 unknown), 400s naming every bad field, an
 * alert's {@code silencedBy} (and {@code inhibitedBy}), and a {@code silences.yaml} published by the {@link RulePublisher}. Every answer is
 * checked against openapi.json ({@link ApiClient}).
 */
class SilencesIT {
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
        api = SingleApi.start("silences-it", dir.resolve("state"));
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
        return ApiTestSupport.engineTopics(kafka, "silences-it", dir.resolve("state"));
    }

    @Test
    void shouldCreateListReadAndExpireSilencesWithTheCallerAsCreator() {
        String ends = Instant.now().plus(Duration.ofHours(2)).toString();
        ApiClient.Response created = send("POST", "/v1/silences", "/v1/silences", ALICE,
                "{\"matchers\":[\"service=checkout\",\"level=~crit.*\"],\"ends_at\":\"" + ends + "\",\"comment\":\"deploy\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode s = created.json();
        String id = s.get("id").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{22}");
        assertThat(s.get("created_by").asText()).isEqualTo("alice");
        assertThat(s.get("notify_email").asText()).isEqualTo("alice@example.com");
        assertThat(s.get("status").asText()).isEqualTo("active");
        assertThat(s.get("starts_at").asText()).isNotEmpty();

        String one = "/v1/silences/{id}";
        JsonNode asBob = send("GET", "/v1/silences/" + id, one, BOB, null).json();
        assertThat(asBob.get("comment").asText()).isEqualTo("deploy");
        assertThat(asBob.get("notify_email").isNull()).as("another user's address is not shown").isTrue();
        assertThat(ids(send("GET", "/v1/silences", "/v1/silences", BOB, null).json())).as("everyone sees every silence").contains(id);
        assertThat(send("GET", "/v1/silences/nope", one, ALICE, null).status()).isEqualTo(404);

        assertThat(send("DELETE", "/v1/silences/" + id, one, BOB, null).status()).isEqualTo(403);
        assertThat(send("DELETE", "/v1/silences/nope", one, ALICE, null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/v1/silences/" + id, one, ALICE, null).status()).isEqualTo(204);
        JsonNode expired = send("GET", "/v1/silences/" + id, one, ALICE, null).json();
        assertThat(expired.get("status").asText()).isEqualTo("expired");
        assertThat(expired.get("ended_by").asText()).isEqualTo("expired");
        assertThat(send("DELETE", "/v1/silences/" + id, one, ROOT, null).status()).as("again, by an admin: already over").isEqualTo(204);
    }

    @Test
    void shouldRefuseAnInvalidSilenceNamingEveryBadField() {
        ApiClient.Response r = send("POST", "/v1/silences", "/v1/silences", ALICE,
                "{\"matchers\":[\"team=~(a)\\\\1\",\"nothing\"],\"ends_at\":\"soon\",\"created_by\":\"mallory\"}");
        assertThat(r.status()).isEqualTo(400);
        String detail = r.json().get("detail").asText();
        assertThat(detail).contains("field 'created_by' is not a field of a silence request", "field 'matchers[0]' bad regular expression",
                "field 'matchers[1]' bad matcher 'nothing'", "field 'ends_at' must be an ISO-8601 instant");
        ApiClient.Response noEnd = send("POST", "/v1/silences", "/v1/silences", ALICE, "{\"matchers\":[\"a=b\"]}");
        assertThat(noEnd.status()).isEqualTo(400);
        assertThat(noEnd.json().get("detail").asText()).contains("field 'ends_at' is required unless until: resolved");
        assertThat(send("POST", "/v1/silences", "/v1/silences", null, "{\"matchers\":[\"a=b\"],\"until\":\"resolved\"}").status())
                .isEqualTo(401);
    }

    @Test
    void shouldMarkAFiringAlertWithTheSilencesThatMatchIt() throws Exception {
        Alert a = new Alert("t-1", "r9|billing", "r9", Alert.FIRING, "critical", null, Map.of("service", "billing"), 12.0, 10.0, null,
                Instant.now().toString(), Instant.now().toString(), "billing fails", Map.of("team", "payments"), List.of("alice"), List.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("alerts", a.alertKey(), JSON.writeValueAsString(a))).get();
        }
        String id = send("POST", "/v1/silences", "/v1/silences", ALICE,
                "{\"matchers\":[\"team=payments\",\"level=critical\"],\"until\":\"resolved\"}").json().get("id").asText();
        JsonNode alerts = await("/v1/alerts", ROOT, body -> body.get("alerts").size() > 0);
        JsonNode billing = alerts.get("alerts").get(0);
        assertThat(billing.get("alertKey").asText()).isEqualTo("r9|billing");
        assertThat(billing.get("silencedBy")).extracting(JsonNode::asText).contains(id);
    }

    /**
     * An inhibit rule of the routing file holds back a target while its source fires: the API marks the target with the
     * source's key, from the same firing view the engine's grouper reads, and stops when the source resolves.
     */
    @Test
    void shouldMarkAFiringAlertWithTheFiringAlertsThatInhibitIt() throws Exception {
        AlertTopologyConfig engine = AlertTopologyConfig.defaults();
        Alert target = new Alert("t-2", "r7|ledger", "r7", Alert.FIRING, "warning", null, Map.of("service", "ledger"), 5.0, 1.0, null,
                Instant.now().toString(), Instant.now().toString(), "ledger slow", Map.of("team", "ledger", "cluster", "eu"),
                List.of(), List.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(engine.notifications().routingTopic(), "routing", """
                    receivers:
                      - {name: ops, email: {to: [ops@example.com]}}
                    route: {receiver: ops}
                    inhibit_rules:
                      - source_match: {rule: dc-down}
                        target_match: {team: ledger}
                        equal: [cluster]
                    """)).get();
            producer.send(new ProducerRecord<>("alerts", target.alertKey(), JSON.writeValueAsString(target))).get();
            // What the engine's notification router writes while an alert fires: its match labels.
            producer.send(new ProducerRecord<>(engine.notifications().firingTopic(), "dc-down|eu",
                    "{\"rule\":\"dc-down\",\"level\":\"critical\",\"cluster\":\"eu\"}")).get();
            producer.send(new ProducerRecord<>(engine.notifications().firingTopic(), "dc-down|us",
                    "{\"rule\":\"dc-down\",\"level\":\"critical\",\"cluster\":\"us\"}")).get();

            JsonNode inhibited = await("/v1/alerts?match=team%3Dledger", ROOT, body -> body.get("alerts").size() == 1
                    && body.at("/alerts/0/inhibitedBy").size() > 0);
            assertThat(inhibited.at("/alerts/0/inhibitedBy")).extracting(JsonNode::asText)
                    .as("the source with the same cluster, not the other").containsExactly("dc-down|eu");

            producer.send(new ProducerRecord<>(engine.notifications().firingTopic(), "dc-down|eu", null)).get(); // it resolved
            JsonNode free = await("/v1/alerts?match=team%3Dledger", ROOT, body -> body.get("alerts").size() == 1
                    && body.at("/alerts/0/inhibitedBy").isEmpty());
            assertThat(free.at("/alerts/0/silencedBy")).isEmpty();
        }
    }

    @Test
    void shouldServeTheSilencesOfAPublishedSilencesFile() throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("silences.yaml"), """
                - id: db-failover
                  matchers: [service=db]
                  starts_at: 2026-01-01T02:00:00Z
                  ends_at: 2099-12-24T04:00:00Z
                  created_by: carol
                  comment: planned failover
                """);
        Properties p = props();
        try (RulePublisher publisher = RulePublisher.forConfig(p, AlertTopologyConfig.from(p))) {
            publisher.apply(RulesDirectory.load(rules));
        }
        JsonNode s = await("/v1/silences/db-failover", ALICE, body -> body.has("id"));
        assertThat(s.get("created_by").asText()).isEqualTo("carol");
        assertThat(s.get("created_at").asText()).isNotEmpty();
        assertThat(s.get("status").asText()).isEqualTo("active");

        String carol = "test:carol:carol@example.com:false";
        assertThat(send("DELETE", "/v1/silences/db-failover", "/v1/silences/{id}", carol, null).status()).isEqualTo(204);
        try (RulePublisher publisher = RulePublisher.forConfig(p, AlertTopologyConfig.from(p))) {
            publisher.apply(RulesDirectory.load(rules));
        }
        Thread.sleep(1_000);
        assertThat(send("GET", "/v1/silences/db-failover", "/v1/silences/{id}", ALICE, null).json().get("status").asText())
                .as("re-applying the unchanged file does not bring an expired silence back").isEqualTo("expired");
        Files.writeString(rules.resolve("silences.yaml"), Files.readString(rules.resolve("silences.yaml"))
                .replace("planned failover", "failover, second try"));
        try (RulePublisher publisher = RulePublisher.forConfig(p, AlertTopologyConfig.from(p))) {
            publisher.apply(RulesDirectory.load(rules));
        }
        JsonNode again = await("/v1/silences/db-failover", ALICE, body -> body.get("status").asText().equals("active"));
        assertThat(again.get("created_at")).as("kept from the first publication").isEqualTo(s.get("created_at"));
    }

    private static JsonNode await(String path, String who, Predicate<JsonNode> until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String template = path.startsWith("/v1/silences/") ? "/v1/silences/{id}" : path.replaceFirst("\\?.*", "");
        while (true) {
            ApiClient.Response r = send("GET", path, template, who, null);
            if (r.status() == 200 && until.test(r.json())) {
                return r.json();
            }
            assertThat(System.nanoTime()).as("waiting for " + path + ": " + r).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("silences").forEach(n -> out.add(n.get("id").asText()));
        return out;
    }
}
