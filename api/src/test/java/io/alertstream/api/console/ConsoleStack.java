package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiConfig;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.embedded.Alertstream;
import io.alertstream.topology.embedded.RunningAlertstream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the console's browser test runs against: a real broker, the engine running {@code rules} on one partition (so
 * the watermark follows the test's events closely), and an API instance with one account; events go in through the
 * API's ingest, probe results straight to the {@code probes} topic as the probe connector writes them.
 */
final class ConsoleStack implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final EmbeddedKafka kafka;
    private final RunningAlertstream engine;
    final ApiApp api;
    private String jwt;

    private ConsoleStack(EmbeddedKafka kafka, RunningAlertstream engine, ApiApp api) {
        this.kafka = kafka;
        this.engine = engine;
        this.api = api;
    }

    static ConsoleStack start(Path dir, String rules) throws Exception {
        return start(dir, Map.of("rules.yaml", rules));
    }

    /** @param files the rules directory: rule files, and {@code routing.yaml} for a routing file */
    static ConsoleStack start(Path dir, Map<String, String> files) throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        RunningAlertstream engine = Alertstream.builder().bootstrapServers(kafka.bootstrapServers()).applicationId("console-it-engine")
                .rules(files).topics(1, (short) 1).stateDir(dir.resolve("engine"))
                .property("alertstream.idle.timeout", "2s").start();
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put(ApiConfig.HOST_CONFIG, "127.0.0.1");
        p.put(ApiConfig.PORT_CONFIG, "0");
        p.put(ApiConfig.APPLICATION_ID_CONFIG, "console-it-api");
        p.put(ApiConfig.STATE_DIR_CONFIG, dir.resolve("api").toString());
        p.put(ApiConfig.JWT_SECRET_CONFIG, "console-it-signing-key-0123456789-0123456789");
        p.put("alertstream.api.bcrypt.cost", "4");
        p.put("alertstream.api.topic.partitions", "1");
        p.put("commit.interval.ms", "100");
        return new ConsoleStack(kafka, engine, ApiApp.start(p, Duration.ofSeconds(60)));
    }

    String url() {
        return api.url();
    }

    /** Signs the user up; the stack's ingest then sends as this user. */
    void signUp(String user, String email, String password) throws Exception {
        assertThat(call("POST", "/v1/signup", null, Map.of("user", user, "email", email, "password", password)).statusCode()).isEqualTo(201);
        jwt = JSON.readTree(call("POST", "/v1/login", null, Map.of("user", user, "password", password)).body()).get("token").asText();
    }

    /** Signs another user up and returns their login token; the stack's ingest keeps sending as before. */
    String otherUser(String user, String email, String password) throws Exception {
        assertThat(call("POST", "/v1/signup", null, Map.of("user", user, "email", email, "password", password)).statusCode()).isEqualTo(201);
        return JSON.readTree(call("POST", "/v1/login", null, Map.of("user", user, "password", password)).body()).get("token").asText();
    }

    /** A GET of the JSON API with a token. */
    HttpResponse<String> get(String path, String token) throws Exception {
        return call("GET", path, token, null);
    }

    /** Sends events through the API's ingest, as an application would. */
    void send(List<Map<String, Object>> events) throws Exception {
        HttpResponse<String> r = call("POST", "/v1/events", jwt, events);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isEqualTo(events.size());
    }

    static Map<String, Object> event(String service, int status) {
        return Map.of("service", service, "status", status, "timestamp", Instant.now().toString());
    }

    /** Registers an uptime target as the signed-up user, through the API; returns its id. */
    String addTarget(String url) throws Exception {
        HttpResponse<String> r = call("POST", "/v1/targets", jwt, Map.of("url", url, "interval", "1m"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    /** Results of checks of a target as the probe connector writes them, one per second up to now. */
    void probeResults(String target, String url, List<Boolean> ok) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < ok.size(); i++) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("kind", "probe");
                result.put("target", target);
                result.put("url", url);
                result.put("status", ok.get(i) ? 200 : 503);
                result.put("ok", ok.get(i));
                result.put("latency_ms", 40 + i);
                result.put("timestamp", Instant.now().minusSeconds(ok.size() - i).toString());
                result.put("maintenance", false);
                producer.send(new ProducerRecord<>("probes", target, JSON.writeValueAsString(result))).get();
            }
        }
    }

    /** A record of the engine's {@code notifications} topic: its value and when it was written. */
    record Sent(com.fasterxml.jackson.databind.JsonNode value, long timestamp) {
        /** Whether it names the alert (one of its {@code alerts} has this key). */
        boolean names(String alertKey) {
            for (com.fasterxml.jackson.databind.JsonNode a : value.path("alerts")) {
                if (alertKey.equals(a.path("alertKey").asText())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Everything on the engine's {@code notifications} topic so far, as the email and webhook sinks would read it. */
    List<Sent> notifications() throws Exception {
        List<Sent> out = new java.util.ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                Map.of("bootstrap.servers", kafka.bootstrapServers(), "isolation.level", "read_committed"),
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor("notifications").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    try {
                        out.add(new Sent(JSON.readTree(r.value()), r.timestamp()));
                    } catch (Exception e) {
                        throw new IllegalStateException("not JSON on the notifications topic: " + r.value(), e);
                    }
                });
            }
        }
        return out;
    }

    /** A raw request to the API or the console (no browser). */
    HttpResponse<String> request(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(api.url() + path)).timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> call(String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = to(path).header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return request(b);
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {api, engine, kafka}) {
            try {
                c.close();
            } catch (Exception e) {
                // closing the rest matters more
            }
        }
    }
}
