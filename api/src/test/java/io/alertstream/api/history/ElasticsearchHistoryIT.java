package io.alertstream.api.history;

import static io.alertstream.api.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiConfig;
import io.alertstream.api.ApiTestSupport;
import io.alertstream.api.alerts.TestAuthenticator;
import io.alertstream.testkit.EmbeddedElasticsearch;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import io.alertstream.topology.model.Alert;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/alerts/history} across the history store's retention (1 h here) against a real broker and a
 * real Elasticsearch with basic auth: transitions older than the retention exist only in Elasticsearch, indexed
 * as the Elasticsearch sink indexes the {@code alerts} topic (index {@code alerts-yyyy.MM.dd}, the sink's
 * {@code alert} template profile, document id = transition id); recent ones come through Kafka into the store.
 */
class ElasticsearchHistoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ES_USER = "history-reader"; // not "elastic": a reserved user the file realm cannot define
    private static final String ES_PASSWORD = "history-it-password";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);
    private static final String ADMIN = TestAuthenticator.header("root", "root@example.com", true);
    private static final String ALICE = TestAuthenticator.header("alice", "alice@example.com", false);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static EmbeddedElasticsearch elasticsearch;
    private static EmbeddedKafka kafka;
    private static ApiApp api;
    private static KafkaProducer<String, String> producer;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void start() throws Exception {
        elasticsearch = EmbeddedElasticsearch.builder().basicAuth(ES_USER, ES_PASSWORD).heapMb(512).start();
        kafka = EmbeddedKafka.start();
        Properties p = ApiTestSupport.engineTopics(kafka, "es-history-it", stateDir.resolve("state"));
        p.put(ApiConfig.TOPIC_PARTITIONS_CONFIG, "2");
        p.put(ApiConfig.HISTORY_RETENTION_CONFIG, "1h");
        p.put(ApiConfig.HISTORY_MAX_RESULTS_CONFIG, "4");
        p.put(ApiConfig.HISTORY_ES_URL_CONFIG, elasticsearch.url());
        p.put(ApiConfig.HISTORY_ES_USERNAME_CONFIG, ES_USER);
        p.put(ApiConfig.HISTORY_ES_PASSWORD_CONFIG, ES_PASSWORD);
        p.put(ApiConfig.HISTORY_ES_TIMEOUT_CONFIG, "5s");
        api = ApiApp.start(p, Duration.ofSeconds(60), new TestAuthenticator());
        producer = KafkaTestClients.producer(kafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        Waits.closeAll(producer, api, kafka, elasticsearch);
    }

    private static Alert alert(String id, Instant at, String rule, String owner) {
        return new Alert(id, "key-" + id, rule, Alert.FIRING, "warning", null, Map.of("service", "checkout"), 12.0, 10.0, null,
                at.toString(), at.toString(), id + " fails", Map.of("team", "payments"), List.of(owner), List.of());
    }

    /** As the sink writes them: the alert profile's template, one dated index per day of {@code at}, _id = id. */
    private static void indexAsTheSinkDoes(List<Alert> alerts) throws Exception {
        String template = Files.readString(Path.of("src/test/resources/elasticsearch/alerts-index-template.json"));
        assertThat(es("PUT", "/_index_template/alertstream-alerts-_", template).statusCode()).isEqualTo(200);
        StringBuilder bulk = new StringBuilder();
        for (Alert a : alerts) {
            bulk.append(JSON.writeValueAsString(Map.of("index", Map.of("_index", "alerts-" + DAY.format(Instant.parse(a.at())),
                    "_id", a.id())))).append('\n').append(JSON.writeValueAsString(a)).append('\n');
        }
        HttpResponse<String> r = es("POST", "/_bulk?refresh=true", bulk.toString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("errors").asBoolean()).as(r.body()).isFalse();
    }

    private static HttpResponse<String> es(String method, String path, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString((ES_USER + ":" + ES_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(elasticsearch.url() + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> history(Instant from, Instant to, String extra, String auth) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/alerts/history?from=" + from.toEpochMilli() + "&to="
                + to.toEpochMilli() + extra)).header("Authorization", auth).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("transitions").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    private static List<String> sources(JsonNode answer) {
        List<String> sources = new ArrayList<>();
        answer.get("sources").forEach(s -> sources.add(s.asText()));
        return sources;
    }

    @Test
    void shouldAnswerHistoryBeforeTheRetentionFromElasticsearchAndTheRestFromTheStore() throws Exception {
        // given: three transitions older than the retention, only in Elasticsearch; recent ones through Kafka
        // (the sink has indexed those too, as it indexes every transition). b1 is just inside the retention, where
        // both are asked (HistoryPlan.OVERLAP): it must come once.
        List<Alert> old = List.of(alert("o1", NOW.minus(3, ChronoUnit.HOURS), "r1", "alice"),
                alert("o2", NOW.minus(3, ChronoUnit.HOURS).plusSeconds(60), "r1", "bob"),
                alert("o3", NOW.minus(2, ChronoUnit.HOURS), "r2", "alice"));
        List<Alert> recent = List.of(alert("b1", NOW.minus(58, ChronoUnit.MINUTES), "r1", "alice"),
                alert("n1", NOW.minus(10, ChronoUnit.MINUTES), "r1", "alice"),
                alert("n2", NOW.minus(9, ChronoUnit.MINUTES), "r2", "bob"));
        List<Alert> sunk = new ArrayList<>(old);
        sunk.addAll(recent);
        indexAsTheSinkDoes(sunk);
        for (Alert a : recent) {
            producer.send(new ProducerRecord<>("alerts", a.alertKey(), JSON.writeValueAsString(a))).get();
        }
        Instant to = NOW.plusSeconds(60);
        waitFor("the store holds the recent transitions", () -> {
            try {
                HttpResponse<String> r = history(NOW.minus(59, ChronoUnit.MINUTES), to, "", ADMIN);
                return r.statusCode() == 200 && ids(JSON.readTree(r.body())).size() == 3;
            } catch (Exception e) {
                return false;
            }
        });

        // when / then: a range across the horizon is merged, oldest first, and bounded (max.results = 4).
        JsonNode across = JSON.readTree(history(NOW.minus(4, ChronoUnit.HOURS), to, "", ADMIN).body());
        assertThat(ids(across)).containsExactly("o1", "o2", "o3", "b1");
        assertThat(across.get("truncated").asBoolean()).isTrue();
        assertThat(sources(across)).containsExactly("store", "elasticsearch");

        // the same visibility and rule filter on both sides; b1, from both, once (exactly the limit: not truncated)
        JsonNode alices = JSON.readTree(history(NOW.minus(4, ChronoUnit.HOURS), to, "", ALICE).body());
        assertThat(ids(alices)).containsExactly("o1", "o3", "b1", "n1");
        assertThat(alices.get("truncated").asBoolean()).isFalse();
        JsonNode ofRule = JSON.readTree(history(NOW.minus(4, ChronoUnit.HOURS), to, "&rule=r2", ADMIN).body());
        assertThat(ids(ofRule)).containsExactly("o3", "n2");

        // a range wholly before the horizon: Elasticsearch alone, its end included
        JsonNode before = JSON.readTree(history(NOW.minus(4, ChronoUnit.HOURS), NOW.minus(2, ChronoUnit.HOURS), "", ADMIN).body());
        assertThat(ids(before)).containsExactly("o1", "o2", "o3");
        assertThat(sources(before)).containsExactly("elasticsearch");

        // when Elasticsearch is down: a range inside the retention never asks it; one that needs it is a 503
        elasticsearch.stop();
        HttpResponse<String> inside = history(NOW.minus(30, ChronoUnit.MINUTES), to, "", ADMIN);
        assertThat(inside.statusCode()).isEqualTo(200);
        assertThat(ids(JSON.readTree(inside.body()))).containsExactly("n1", "n2");
        assertThat(sources(JSON.readTree(inside.body()))).containsExactly("store");
        HttpResponse<String> unavailable = history(NOW.minus(4, ChronoUnit.HOURS), to, "", ADMIN);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(unavailable.body()).get("type").asText()).endsWith("history-archive-unavailable");
    }
}
