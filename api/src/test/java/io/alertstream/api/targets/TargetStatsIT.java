package io.alertstream.api.targets;

import static io.alertstream.api.Eventually.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiClient;
import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTestSupport;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import io.alertstream.topology.model.Alert;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/targets/{id}/stats} and {@code GET /v1/targets/{id}/alerts} against a real broker: two API
 * instances share a 4-partition {@code probes} topic, real accounts (signup, login) own two targets created
 * through the API, one of them held by each instance's partitions. Probe results spread over the last ~20 hours
 * of event time must give the same counts, availability and latency quantiles (within the sketch's 1%) on both
 * instances, a 6 h window only the hours from the one 6 h ago falls in, and maintenance checks count like any
 * other. Every answer is checked against openapi.json ({@link ApiClient}).
 */
class TargetStatsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATS = "/v1/targets/{id}/stats";
    private static final String ALERTS = "/v1/targets/{id}/alerts";
    private static EmbeddedKafka kafka;
    private static ApiApp one;
    private static ApiApp two;
    private static ApiClient[] clients;
    private static KafkaProducer<String, String> producer;
    private static String alice;
    private static String bob;
    /** A target whose probes partition is active on instance one, and one on instance two; both alice's. */
    private static String onOne;
    private static String onTwo;

    @TempDir
    static Path dir;

    /** One probe result as the probe connector writes it; {@code latencyMs} null: no answer (connection refused, status null). */
    record Probe(Instant at, boolean ok, Double latencyMs, boolean maintenance) {
    }

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopic("probes", 4, Map.of());
        kafka.createTopic("alerts", 4, Map.of());
        one = ApiApp.start(props("state-one"), Duration.ofSeconds(60));
        two = ApiApp.start(props("state-two"), Duration.ofSeconds(60));
        clients = new ApiClient[] {new ApiClient(one.url()), new ApiClient(two.url())};
        waitFor("both instances run and share the probes partitions", () -> shared(one) && shared(two));
        producer = KafkaTestClients.producer(kafka.bootstrapServers(), Map.of());
        alice = account(clients[0], "alice");
        bob = account(clients[1], "bob");
        HostInfo twoHost = host(two);
        List<String> created = new ArrayList<>();
        while (onOne == null || onTwo == null) {
            assertThat(created).as("20 random target ids all on one instance").hasSizeLessThan(20);
            String id = createTarget("https://shop-" + created.size() + ".example.com/health");
            created.add(id);
            boolean remote = one.streams().queryMetadataForKey(ApiStores.PROBE_STATS, id, Serdes.String().serializer()).activeHost()
                    .equals(twoHost);
            if (remote && onTwo == null) {
                onTwo = id;
            } else if (!remote && onOne == null) {
                onOne = id;
            }
        }
    }

    private static Properties props(String stateDir) {
        return ApiTestSupport.engineTopics(kafka, "target-stats-it", dir.resolve(stateDir));
    }

    @AfterAll
    static void stop() {
        Waits.closeAll(producer, one, two, kafka);
    }

    private static boolean shared(ApiApp app) {
        return ApiTestSupport.sharesPartitions(app, ApiStores.PROBE_STATS, 2);
    }

    private static HostInfo host(ApiApp app) {
        return new HostInfo(URI.create(app.url()).getHost(), URI.create(app.url()).getPort());
    }

    /** Signs {@code user} up and logs in: a JWT either instance accepts. */
    private static String account(ApiClient c, String user) {
        ApiClient.Response signup = c.post("/v1/signup", null,
                ApiClient.json(Map.of("user", user, "email", user + "@example.com", "password", user + "s long password")));
        assertThat(signup.status()).as("%s", signup).isEqualTo(201);
        ApiClient.Response login = c.post("/v1/login", null, ApiClient.json(Map.of("user", user, "password", user + "s long password")));
        assertThat(login.status()).as("%s", login).isEqualTo(200);
        return login.json().get("token").asText();
    }

    private static String createTarget(String url) {
        ApiClient.Response r = clients[0].send("POST", "/v1/targets", "/v1/targets", alice, "{\"url\":\"" + url + "\",\"interval\":\"1m\"}");
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** {@code perHour} checks in each of the last {@code hours} hours; every 5th fails, every 10th of them without an answer, every 7th in maintenance. */
    private static List<Probe> probes(Instant now, int hours, int perHour, double baseLatency) {
        List<Probe> out = new ArrayList<>();
        int i = 0;
        for (int h = 0; h < hours; h++) {
            for (int j = 0; j < perHour; j++, i++) {
                Instant at = now.minus(Duration.ofHours(h)).minus(Duration.ofMinutes(1 + 15L * j));
                boolean ok = i % 5 != 0;
                Double latency = i % 10 == 0 ? null : baseLatency + 10.0 * (i % 17) + i;
                out.add(new Probe(at, ok, latency, i % 7 == 0));
            }
        }
        return out;
    }

    private static void send(String target, Probe p) throws Exception {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("kind", "probe");
        v.put("target", target);
        v.put("url", "https://example.com/health");
        v.put("owner", "alice");
        v.put("owners", List.of("alice"));
        v.put("status", p.ok() ? Integer.valueOf(200) : p.latencyMs() == null ? null : Integer.valueOf(503));
        v.put("ok", p.ok());
        // As the connector writes a check without an answer: a latency anyway, the time until the connection was refused.
        v.put("latency_ms", p.latencyMs() == null ? 3.0 : p.latencyMs());
        v.put("error", p.ok() ? null : p.latencyMs() == null ? "connect" : "unexpected-status");
        v.put("location", "test");
        v.put("timestamp", p.at().toString());
        v.put("scheduled_ms", p.at().toEpochMilli());
        v.put("threshold", 3);
        v.put("latency_threshold_ms", null);
        v.put("maintenance", p.maintenance());
        v.put("cert_expires_in_days", 42);
        producer.send(new ProducerRecord<>("probes", target, JSON.writeValueAsString(v))).get();
    }

    private static ApiClient.Response get(ApiClient c, String path, String template, String token) {
        return c.send("GET", path, template, token, null);
    }

    /** Checks one stats answer against the probes it counts: those from the answer's {@code from} on. */
    private static void assertStats(JsonNode body, String target, String window, List<Probe> all) {
        Instant from = Instant.parse(body.get("from").asText());
        Instant to = Instant.parse(body.get("to").asText());
        assertThat(body.get("target").asText()).isEqualTo(target);
        assertThat(body.get("window").asText()).isEqualTo(window);
        assertThat(from).as("whole hours: from is the start of the hour %s before to", window)
                .isEqualTo(TargetStats.hourOf(to.minus(io.alertstream.topology.sourcefile.Durations.parse(window))));
        List<Probe> counted = all.stream().filter(p -> !p.at().isBefore(from)).toList();
        long successes = counted.stream().filter(Probe::ok).count();
        long failures = counted.size() - successes;
        assertThat(body.get("successes").asLong()).as("successes %s", body).isEqualTo(successes);
        assertThat(body.get("failures").asLong()).as("failures %s", body).isEqualTo(failures);
        assertThat(body.get("checks").asLong()).isEqualTo(counted.size());
        assertThat(body.get("availability").asDouble()).isEqualTo(Math.round(10_000.0 * successes / counted.size()) / 100.0);
        List<Double> latencies = counted.stream().map(Probe::latencyMs).filter(java.util.Objects::nonNull).sorted().toList();
        assertQuantile(body.get("latency_ms").get("p50").asDouble(), latencies, 0.5);
        assertQuantile(body.get("latency_ms").get("p95").asDouble(), latencies, 0.95);
    }

    /** Within the sketch's 1% (plus the answer's rounding to 0.1 ms) of the exact value at rank q·(n−1), or of a neighbour the rank falls between. */
    private static void assertQuantile(double actual, List<Double> sorted, double q) {
        double rank = q * (sorted.size() - 1);
        double low = sorted.get((int) Math.floor(rank));
        double high = sorted.get((int) Math.ceil(rank));
        assertThat(actual).as("p%d of %s", Math.round(q * 100), sorted).isBetween(low * (1 - ProbeBucket.ACCURACY) - 0.05, high * (1 + ProbeBucket.ACCURACY) + 0.05);
    }

    @Test
    void shouldAnswerTheSameStatsOnBothInstancesWhicheverHoldsTheTarget() throws Exception {
        Instant now = Instant.now();
        List<Probe> ofOne = probes(now, 20, 3, 100);
        List<Probe> ofTwo = probes(now, 18, 2, 400);
        // Older than the longest window: never counted.
        Probe stale = new Probe(now.minus(Duration.ofHours(30)), false, 99_999.0, false);
        send(onOne, stale);
        send(onTwo, stale);
        for (Probe p : ofOne) {
            send(onOne, p);
        }
        for (Probe p : ofTwo) {
            send(onTwo, p);
        }
        assertThat(ofOne).as("the data has maintenance checks, failures with and without an answer")
                .anyMatch(Probe::maintenance).anyMatch(p -> !p.ok() && p.latencyMs() == null).anyMatch(p -> !p.ok() && p.latencyMs() != null);
        Map<String, List<Probe>> expected = Map.of(onOne, ofOne, onTwo, ofTwo);
        for (ApiClient c : clients) {
            for (var e : expected.entrySet()) {
                waitFor("every check of " + e.getKey() + " is counted", () -> {
                    ApiClient.Response r = get(c, "/v1/targets/" + e.getKey() + "/stats", STATS, alice);
                    return r.status() == 200 && r.json().get("checks").asLong() == e.getValue().size();
                });
            }
        }
        for (ApiClient c : clients) {
            for (var e : expected.entrySet()) {
                String id = e.getKey();
                ApiClient.Response day = get(c, "/v1/targets/" + id + "/stats", STATS, alice);
                assertThat(day.status()).as("%s", day).isEqualTo(200);
                assertStats(day.json(), id, "24h", e.getValue());
                ApiClient.Response six = get(c, "/v1/targets/" + id + "/stats?window=6h", STATS, alice);
                assertThat(six.status()).as("%s", six).isEqualTo(200);
                assertStats(six.json(), id, "6h", e.getValue());
                assertThat(six.json().get("checks").asLong()).as("6h counts fewer than 24h").isLessThan(e.getValue().size());

                ApiClient.Response forbidden = get(c, "/v1/targets/" + id + "/stats", STATS, bob);
                assertThat(forbidden.status()).as("%s", forbidden).isEqualTo(403);
                assertThat(get(c, "/v1/targets/" + id + "/stats?window=25h", STATS, alice).status()).isEqualTo(400);
                assertThat(get(c, "/v1/targets/" + id + "/stats", STATS, null).status()).isEqualTo(401);
            }
            assertThat(get(c, "/v1/targets/nope/stats", STATS, alice).status()).isEqualTo(404);
        }
        String unprobed = createTarget("https://not-yet-probed.example.com/");
        for (ApiClient c : clients) {
            ApiClient.Response none = get(c, "/v1/targets/" + unprobed + "/stats", STATS, alice);
            assertThat(none.status()).as("%s", none).isEqualTo(200);
            assertThat(none.json().get("checks").asLong()).isZero();
            assertThat(none.json().get("availability").isNull()).isTrue();
            assertThat(none.json().get("latency_ms").isNull()).isTrue();
        }
    }

    private static Alert transition(String target, String id, String status, Instant at) {
        return new Alert(id, "target-down|" + target, "target-down", status, Alert.FIRING.equals(status) ? "critical" : null,
                Alert.FIRING.equals(status) ? null : "critical", Map.of("target", target), 1.0, 1.0, null, at.toString(), at.toString(),
                target + " is down", Map.of("kind", "uptime"), List.of("alice"), List.of("alice@example.com"));
    }

    @Test
    void shouldListTheAlertTransitionsOfATargetOnly() throws Exception {
        Instant now = Instant.now();
        List<Alert> alerts = List.of(
                transition(onOne, onOne + "-f", Alert.FIRING, now.minus(Duration.ofMinutes(50))),
                transition(onTwo, onTwo + "-f", Alert.FIRING, now.minus(Duration.ofMinutes(40))),
                transition("someone-elses", "else-f", Alert.FIRING, now.minus(Duration.ofMinutes(35))),
                transition(onOne, onOne + "-r", Alert.RESOLVED, now.minus(Duration.ofMinutes(30))),
                transition(onTwo, onTwo + "-r", Alert.RESOLVED, now.minus(Duration.ofMinutes(20))));
        for (Alert a : alerts) {
            producer.send(new ProducerRecord<>("alerts", a.alertKey(), JSON.writeValueAsString(a))).get();
        }
        for (ApiClient c : clients) {
            for (String target : List.of(onOne, onTwo)) {
                List<String> want = List.of(target + "-f", target + "-r");
                waitFor("the transitions of " + target + " are listed", () -> {
                    ApiClient.Response r = get(c, "/v1/targets/" + target + "/alerts", ALERTS, alice);
                    return r.status() == 200 && ids(r.json()).equals(want);
                });
                JsonNode body = get(c, "/v1/targets/" + target + "/alerts", ALERTS, alice).json();
                assertThat(body.get("target").asText()).isEqualTo(target);
                assertThat(body.get("truncated").asBoolean()).isFalse();
                assertThat(body.get("transitions")).allSatisfy(t -> assertThat(t.get("group").get("target").asText()).isEqualTo(target));
                assertThat(body.get("transitions")).extracting(t -> t.get("status").asText()).containsExactly("FIRING", "RESOLVED");
                ApiClient.Response earlier = get(c, "/v1/targets/" + target + "/alerts?from=" + now.minus(Duration.ofHours(2)) + "&to="
                        + now.minus(Duration.ofMinutes(45)).toEpochMilli(), ALERTS, alice);
                assertThat(earlier.status()).as("%s", earlier).isEqualTo(200);
                Predicate<String> firstOfOne = id -> id.equals(onOne + "-f");
                assertThat(ids(earlier.json())).allMatch(firstOfOne).hasSize(target.equals(onOne) ? 1 : 0);
                assertThat(get(c, "/v1/targets/" + target + "/alerts", ALERTS, bob).status()).isEqualTo(403);
            }
            assertThat(get(c, "/v1/targets/someone-elses/alerts", ALERTS, alice).status()).as("no such target").isEqualTo(404);
        }
    }

    private static List<String> ids(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.get("transitions").forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }
}
