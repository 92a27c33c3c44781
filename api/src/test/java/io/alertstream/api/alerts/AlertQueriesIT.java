package io.alertstream.api.alerts;

import static io.alertstream.api.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiConfig;
import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTestSupport;
import io.alertstream.api.OpenApiContract;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two API instances against a real broker share a 4-partition {@code alerts} topic: each answers
 * every alert query the same, whichever instance holds the key (forwarding) or the list (scatter-gather);
 * visibility (owners, recipients, admins and the receivers of the routing file's routes an alert goes to),
 * history and {@code GET /v1/rules} with the problems a {@link RulePublisher} wrote. Every answer, success or
 * problem, is checked against {@code openapi.json} ({@link OpenApiContract}).
 */
class AlertQueriesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String ADMIN = TestAuthenticator.header("root", "root@example.com", true);
    private static final String ALICE = TestAuthenticator.header("alice", "alice@example.com", false);
    private static final String CAROL = TestAuthenticator.header("carol", "carol@example.com", false);
    private static final String OPS = TestAuthenticator.header("dave", "OPS@Example.com", false);
    /** Only an email receiver (cc) of the routing file's payments route. */
    private static final String ERIN = TestAuthenticator.header("erin", "Erin@Example.com", false);
    /** Only an email receiver of the platform route, which payments alerts do not take. */
    private static final String FRANK = TestAuthenticator.header("frank", "frank@example.com", false);
    private static final String ROUTING = """
            receivers:
              - name: root-inbox
                email: {to: [root-inbox@example.com]}
              - name: payments-watchers
                email: {to: [payments@example.com], cc: [erin@example.com]}
              - name: platform-watchers
                email: {to: [frank@example.com]}
            route:
              receiver: root-inbox
              routes:
                - match: {team: payments}
                  receiver: payments-watchers
                - match: {team: platform}
                  receiver: platform-watchers
            """;
    private static EmbeddedKafka kafka;
    private static ApiApp one;
    private static ApiApp two;
    private static KafkaProducer<String, String> producer;

    @TempDir
    static Path rulesDir;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopic("alerts", 4, Map.of());
        kafka.createTopic("rules", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("rule-problems", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("users", 1, Map.of("cleanup.policy", "compact"));
        kafka.createTopic("api-tokens", 1, Map.of("cleanup.policy", "compact"));
        Properties props = props();
        for (String f : List.of("http-errors.yaml", "broken.yaml")) {
            Files.copy(Path.of("src/test/resources/rules-with-problem", f), rulesDir.resolve(f));
        }
        Files.writeString(rulesDir.resolve("routing.yaml"), ROUTING);
        try (RulePublisher publisher = RulePublisher.forConfig(props, AlertTopologyConfig.from(props))) {
            publisher.apply(RulesDirectory.load(rulesDir));
        }
        one = ApiApp.start(props(rulesDir.resolve("state-one")), Duration.ofSeconds(60), new TestAuthenticator());
        two = ApiApp.start(props(rulesDir.resolve("state-two")), Duration.ofSeconds(60), new TestAuthenticator());
        waitFor("both instances run and share the alert partitions", () -> shared(one) && shared(two));
        producer = KafkaTestClients.producer(kafka.bootstrapServers(), Map.of());
    }

    private static boolean shared(ApiApp app) {
        return ApiTestSupport.sharesPartitions(app, ApiStores.FIRING, 2);
    }

    private static Properties props() {
        return ApiTestSupport.engineTopics(kafka, "alert-queries-it", rulesDir.resolve("state"));
    }

    private static Properties props(Path stateDir) {
        Properties p = props();
        p.put(ApiConfig.STATE_DIR_CONFIG, stateDir.toString());
        return p;
    }

    @AfterAll
    static void stop() {
        Waits.closeAll(producer, one, two, kafka);
    }

    private static Alert alert(String key, String id, String status, int seconds, String rule, List<String> owners) {
        return new Alert(id, key, rule, status, Alert.FIRING.equals(status) ? "warning" : null, null, Map.of("service", key),
                12.0, 10.0, null, T0.toString(), T0.plusSeconds(seconds).toString(), key + " fails",
                Map.of("team", key.startsWith("pay") ? "payments" : "platform"), owners, List.of("ops@example.com"));
    }

    private static void send(Alert a) throws Exception {
        producer.send(new ProducerRecord<>("alerts", a.alertKey(), JSON.writeValueAsString(a))).get();
    }

    record Answer(int status, JsonNode body) {
    }

    private static Answer get(ApiApp app, String path, String auth) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(app.url() + path)).header("Authorization", auth)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        CONTRACT.check("GET", template(path), r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        return new Answer(r.statusCode(), JSON.readTree(r.body()));
    }

    /** The document's path template for a query path: {@code /v1/alerts/pay-1?x=y} is {@code /v1/alerts/{key}}. */
    private static String template(String path) {
        String bare = path.split("\\?", 2)[0];
        return bare.startsWith("/v1/alerts/") && !bare.equals("/v1/alerts/history") ? "/v1/alerts/{key}" : bare;
    }

    private static List<String> keys(JsonNode firing) {
        List<String> keys = new ArrayList<>();
        firing.get("alerts").forEach(a -> keys.add(a.get("alertKey").asText()));
        return keys;
    }

    private static BooleanSupplier listed(ApiApp app, String auth, List<String> expected) {
        return () -> {
            try {
                Answer a = get(app, "/v1/alerts", auth);
                return a.status() == 200 && keys(a.body()).containsAll(expected) && expected.containsAll(keys(a.body()));
            } catch (Exception e) {
                return false;
            }
        };
    }

    @Test
    void shouldAnswerEveryQueryTheSameOnBothInstances() throws Exception {
        List<String> keys = List.of("pay-1", "pay-2", "web-1", "web-2", "web-3", "db-1", "db-2", "db-3");
        for (int i = 0; i < keys.size(); i++) {
            send(alert(keys.get(i), keys.get(i) + "-f", Alert.FIRING, i, "rule-" + (i % 2), List.of(i < 4 ? "alice" : "bob")));
        }
        waitFor("instance one lists every firing alert", listed(one, ADMIN, keys));
        waitFor("instance two lists every firing alert", listed(two, ADMIN, keys));
        Answer sorted = get(one, "/v1/alerts", ADMIN);
        assertThat(keys(sorted.body())).containsExactly("db-3", "db-2", "db-1", "web-3", "web-2", "web-1", "pay-2", "pay-1");

        // A key whose partition is active on instance two, asked of both.
        HostInfo twoHost = new HostInfo(URI.create(two.url()).getHost(), URI.create(two.url()).getPort());
        String remote = keys.stream()
                .filter(k -> one.streams().queryMetadataForKey(ApiStores.FIRING, k, Serdes.String().serializer()).activeHost().equals(twoHost))
                .findFirst().orElseThrow(() -> new AssertionError("no key lives on instance two"));
        Answer viaOne = get(one, "/v1/alerts/" + remote, ADMIN);
        Answer viaTwo = get(two, "/v1/alerts/" + remote, ADMIN);
        assertThat(viaOne.status()).isEqualTo(200);
        assertThat(viaOne.body()).isEqualTo(viaTwo.body());
        assertThat(viaOne.body().get("current").get("alertKey").asText()).isEqualTo(remote);
        assertThat(viaOne.body().get("transitions")).hasSize(1);
        assertThat(get(one, "/v1/alerts/no-such-key", ADMIN).status()).isEqualTo(404);
        assertThat(get(two, "/v1/alerts/no-such-key", ADMIN).status()).isEqualTo(404);

        // Filters.
        assertThat(keys(get(two, "/v1/alerts?match=team%3Dpayments", ADMIN).body())).containsExactly("pay-2", "pay-1");
        assertThat(keys(get(one, "/v1/alerts?match=team%3D~pay.*&rule=rule-1", ADMIN).body())).containsExactly("pay-2");
        assertThat(keys(get(one, "/v1/alerts?owner=bob", ADMIN).body())).containsExactlyInAnyOrder("web-3", "db-1", "db-2", "db-3");
        assertThat(get(one, "/v1/alerts?match=team%3D~(", ADMIN).status()).isEqualTo(400);
        assertThat(get(one, "/v1/alerts?match=nolabel", ADMIN).status()).isEqualTo(400);

        // Visibility: owners, recipients (case-insensitive), admins.
        assertThat(keys(get(one, "/v1/alerts", ALICE).body())).containsExactlyInAnyOrder("pay-1", "pay-2", "web-1", "web-2");
        assertThat(keys(get(two, "/v1/alerts", CAROL).body())).isEmpty();
        assertThat(keys(get(two, "/v1/alerts", OPS).body())).hasSize(8);

        // Visibility by route: the routing file (global store) sends payments alerts to erin, platform ones to frank.
        waitFor("the routing file is loaded", listed(one, ERIN, List.of("pay-1", "pay-2")));
        assertThat(keys(get(two, "/v1/alerts", ERIN).body())).containsExactlyInAnyOrder("pay-1", "pay-2");
        assertThat(keys(get(one, "/v1/alerts", FRANK).body())).containsExactlyInAnyOrder("web-1", "web-2", "web-3", "db-1", "db-2", "db-3");
        assertThat(get(two, "/v1/alerts/pay-1", ERIN).status()).isEqualTo(200);
        assertThat(get(one, "/v1/alerts/pay-1", ERIN).status()).isEqualTo(200);
        assertThat(get(one, "/v1/alerts/pay-1", FRANK).status()).isEqualTo(403);
        assertThat(get(two, "/v1/alerts/pay-1", FRANK).status()).isEqualTo(403);
        String alicesRemote = keys.subList(0, 4).stream()
                .filter(k -> one.streams().queryMetadataForKey(ApiStores.FIRING, k, Serdes.String().serializer()).activeHost().equals(twoHost))
                .findFirst().orElse(keys.get(0));
        assertThat(get(one, "/v1/alerts/" + alicesRemote, ALICE).status()).isEqualTo(200);
        assertThat(get(one, "/v1/alerts/" + alicesRemote, CAROL).status()).isEqualTo(403);
        assertThat(get(two, "/v1/alerts/" + alicesRemote, CAROL).status()).isEqualTo(403);
        assertThat(get(one, "/v1/alerts", "Bearer nonsense").status()).isEqualTo(401);

        // RESOLVED leaves both views; the key keeps its transitions.
        send(alert(remote, remote + "-r", Alert.RESOLVED, 100, "rule-x", List.of("alice")));
        List<String> rest = keys.stream().filter(k -> !k.equals(remote)).toList();
        waitFor("instance one drops the resolved alert", listed(one, ADMIN, rest));
        waitFor("instance two drops the resolved alert", listed(two, ADMIN, rest));
        Answer resolved = get(one, "/v1/alerts/" + remote, ADMIN);
        assertThat(resolved.body().get("current").isNull()).isTrue();
        assertThat(resolved.body().get("transitions")).extracting(t -> t.get("status").asText()).containsExactly("FIRING", "RESOLVED");
        assertThat(get(two, "/v1/alerts/" + remote, ADMIN).body()).isEqualTo(resolved.body());

        // History: a range, a rule, a bounded answer.
        Answer history = get(two, "/v1/alerts/history?from=" + T0.plusSeconds(2) + "&to=" + T0.plusSeconds(100).toEpochMilli(), ADMIN);
        assertThat(history.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        history.body().get("transitions").forEach(t -> ids.add(t.get("id").asText()));
        assertThat(ids).containsExactly("web-1-f", "web-2-f", "web-3-f", "db-1-f", "db-2-f", "db-3-f", remote + "-r");
        assertThat(history.body().get("truncated").asBoolean()).isFalse();
        Answer ofRule = get(one, "/v1/alerts/history?from=" + T0 + "&to=" + T0.plusSeconds(10) + "&rule=rule-0", ALICE);
        List<String> alices = new ArrayList<>();
        ofRule.body().get("transitions").forEach(t -> alices.add(t.get("id").asText()));
        assertThat(alices).containsExactly("pay-1-f", "web-1-f");
        assertThat(ofRule.body().get("sources")).extracting(JsonNode::asText).containsExactly("store");
        Answer erins = get(two, "/v1/alerts/history?from=" + T0 + "&to=" + T0.plusSeconds(10), ERIN);
        List<String> erinsIds = new ArrayList<>();
        erins.body().get("transitions").forEach(t -> erinsIds.add(t.get("id").asText()));
        assertThat(erinsIds).containsExactly("pay-1-f", "pay-2-f");
        assertThat(get(one, "/v1/alerts/history?from=yesterday", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void shouldShowTheRunningRulesAndTheProblemsOfTheRulesDirectory() throws Exception {
        for (ApiApp app : List.of(one, two)) {
            waitFor("the rules and problems are loaded", () -> {
                try {
                    Answer a = get(app, "/v1/rules", CAROL);
                    return a.status() == 200 && a.body().get("rules").size() > 0 && a.body().get("problems").size() > 0;
                } catch (Exception e) {
                    return false;
                }
            });
            JsonNode body = get(app, "/v1/rules", CAROL).body();
            JsonNode rule = body.get("rules").get(0);
            assertThat(rule.get("id").asText()).isEqualTo("http-5xx-per-service");
            assertThat(rule.get("version").asText()).hasSize(16);
            assertThat(rule.get("rule").isObject()).isTrue();
            JsonNode problem = body.get("problems").get(0);
            assertThat(problem.get("file").asText()).endsWith("broken.yaml");
            assertThat(problem.get("line").asInt()).isEqualTo(5);
            assertThat(problem.get("column").asInt()).isPositive();
            assertThat(problem.get("message").asText()).isNotBlank();
        }
    }
}
