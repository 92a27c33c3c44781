package io.alertstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiConfig;
import io.alertstream.testkit.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Section 8: events/s into the events topic through {@code POST /v1/events} of one {@code alertstream api}
 * in this JVM (a token-authenticated client, {@link #CLIENTS} concurrent connections, batches of
 * {@code batch} events), against the raw client (a plain idempotent {@code KafkaProducer}, acks=all) writing
 * the same events to the same broker in the same run. The API acknowledges a request only once every
 * accepted event is acknowledged by the broker, so a request is a synchronous round trip: its throughput is
 * bounded by batch size times concurrency.
 */
final class ApiIngestRun {
    static final int CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One repetition. */
    record Sample(double eventsPerSec, double requestsPerSec) {
    }

    private final ApiApp api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    private ApiIngestRun(ApiApp api, String token) {
        this.api = api;
        this.token = token;
    }

    /** Starts an API instance on {@code kafka} with its events topic {@code topic}, signs up a user and makes a token. */
    static ApiIngestRun start(EmbeddedKafka kafka, String topic, Path stateDir) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("alertstream.topic.events", topic);
        p.put(ApiConfig.PORT_CONFIG, "0");
        p.put(ApiConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(ApiConfig.APPLICATION_ID_CONFIG, "bench-api");
        p.put(ApiConfig.PREFIX + "jwt.secret", "bench-only-signing-key-of-at-least-32-bytes");
        // The bench measures the ingest path, not the per-caller rate limit.
        p.put(ApiConfig.PREFIX + "rate.limit.per.second", "1000000");
        p.put(ApiConfig.PREFIX + "rate.limit.burst", "1000000");
        p.put(ApiConfig.PREFIX + "ingest.max.items", "1000");
        ApiApp api = ApiApp.start(io.alertstream.topology.runtime.AppConfig.load(null, java.util.Map.of(), p), Duration.ofSeconds(60));
        HttpClient http = HttpClient.newHttpClient();
        String base = api.url();
        post(http, base + "/v1/signup", null, "{\"user\":\"bench\",\"email\":\"bench@example.com\",\"password\":\"bench-password-123\"}", 201);
        String jwt = JSON.readTree(post(http, base + "/v1/login", null, "{\"user\":\"bench\",\"password\":\"bench-password-123\"}", 200))
                .get("token").asText();
        String token = JSON.readTree(post(http, base + "/v1/tokens", jwt, "{\"name\":\"bench\"}", 201)).get("token").asText();
        return new ApiIngestRun(api, token);
    }

    /** Posts {@code count} workload events in batches of {@code batch} over {@link #CLIENTS} connections. */
    Sample run(BenchWorkload workload, long count, int batch) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        for (long i = 0; i < count; i += batch) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write('[');
            for (long j = i; j < Math.min(count, i + batch); j++) {
                if (j > i) {
                    body.write(',');
                }
                body.write(workload.event(j, count));
            }
            body.write(']');
            bodies.add(body.toByteArray());
        }
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    for (int b = client; b < bodies.size(); b += CLIENTS) {
                        String answer = postBytes(http, api.url() + "/v1/events", token, bodies.get(b), 200);
                        accepted.addAndGet(JSON.readTree(answer).get("accepted").asLong());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (accepted.get() != count) {
            throw new IllegalStateException("the API accepted " + accepted.get() + " of " + count + " events");
        }
        return new Sample(count / seconds, bodies.size() / seconds);
    }

    void close() {
        api.close();
    }

    private static String post(HttpClient http, String url, String bearer, String body, int expected) throws Exception {
        return postBytes(http, url, bearer, body.getBytes(StandardCharsets.UTF_8), expected);
    }

    private static String postBytes(HttpClient http, String url, String bearer, byte[] body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String answer = response.body();
            throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                    + (answer.length() > 400 ? answer.substring(0, 400) + "..." : answer));
        }
        return response.body();
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }
}
