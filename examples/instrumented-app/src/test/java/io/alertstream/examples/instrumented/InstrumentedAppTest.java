package io.alertstream.examples.instrumented;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The example app in HTTP mode against a local fake of the API: each request becomes one event with the documented fields. */
class InstrumentedAppTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private HttpServer api;
    private InstrumentedApp app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void shouldRecordOneEventPerRequestWithStatusAndPath() throws Exception {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/v1/events", exchange -> {
            tokens.add(exchange.getRequestHeaders().getFirst("Authorization"));
            JsonNode batch = JSON.readTree(exchange.getRequestBody().readAllBytes());
            batch.forEach(events::add);
            byte[] body = ("{\"accepted\":" + batch.size() + ",\"rejected\":[]}").getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        app = InstrumentedApp.start(List.of("--port", "0", "--http", "http://127.0.0.1:" + api.getAddress().getPort(), "--token", "t0k"));

        HttpClient http = HttpClient.newHttpClient();
        assertThat(get(http, "/ok")).isEqualTo(200);
        assertThat(get(http, "/fail")).isEqualTo(500);
        // The app records a request after answering it, so the answer can reach us before its event is in the
        // client's buffer: flush until both arrived (or the deadline), then check exactly what arrived.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        assertThat(app.flush(Duration.ofSeconds(10))).isTrue();
        while (events.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            assertThat(app.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(events).hasSize(2);
        // Recorded after each answer, on the server's worker threads: their order is not the requests' order.
        assertThat(events).extracting(e -> e.get("path").asText() + " " + e.get("status").asInt())
                .containsExactlyInAnyOrder("/ok 200", "/fail 500");
        JsonNode fail = events.stream().filter(e -> e.get("status").asInt() == 500).findFirst().orElseThrow();
        assertThat(fail.get("service").asText()).isEqualTo("checkout-example");
        assertThat(fail.get("latency_ms").isIntegralNumber()).isTrue();
        assertThat(Instant.parse(fail.get("timestamp").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(tokens).containsOnly("Bearer t0k");
    }

    @Test
    void shouldRefuseAmbiguousOrIncompleteArguments() {
        assertThatThrownBy(() -> AppOptions.parse(List.of("--port", "1"))).hasMessageContaining("usage:");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--kafka", "a:1", "--http", "http://x"))).hasMessageContaining("choose one");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--http", "http://x"))).hasMessageContaining("--token");
        assertThat(AppOptions.parse(List.of("--kafka", "a:1")).topic()).isEqualTo("events");
    }

    private int get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
