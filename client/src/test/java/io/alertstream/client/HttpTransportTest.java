package io.alertstream.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP transport through the client against a real local HTTP server (JDK HttpServer on 127.0.0.1,
 * port 0) that plays the API: outages (503), throttling (429 + Retry-After), item rejections, 413, 401.
 */
class HttpTransportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private HttpServer server;
    /** Events in the bodies the fake API answered 200 to, in arrival order. */
    private final List<Integer> received = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final List<Long> requestNanos = new CopyOnWriteArrayList<>();

    /** The fake API's answer to one request. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private String start(Function<JsonNode, Answer> api) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", exchange -> handle(exchange, api));
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange, Function<JsonNode, Answer> api) throws IOException {
        requestNanos.add(System.nanoTime());
        auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
        JsonNode events = JSON.readTree(exchange.getRequestBody().readAllBytes());
        Answer answer = api.apply(events);
        if (answer.status() / 100 == 2) {
            JsonNode rejected = JSON.readTree(answer.body()).path("rejected");
            for (int i = 0; i < events.size(); i++) {
                int index = i;
                boolean refused = false;
                for (JsonNode r : rejected) {
                    refused |= r.path("index").asInt() == index;
                }
                if (!refused) {
                    received.add(events.get(i).get("seq").asInt());
                }
            }
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String accepted(int n) {
        return "{\"accepted\":" + n + ",\"rejected\":[]}";
    }

    private static Map<String, Object> event(int seq) {
        return Map.of("service", "checkout", "status", 503, "seq", seq);
    }

    @Test
    void shouldDeliverEveryEventOnceInOrderThrough503sAnd429() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String base = start(events -> {
            int n = requests.getAndIncrement();
            if (n < 4) {
                return new Answer(503, Map.of(), "{\"error\":\"starting\"}");
            }
            if (n == 4) {
                return new Answer(429, Map.of("Retry-After", "1"), "slow down");
            }
            return new Answer(200, Map.of("Content-Type", "application/json"), accepted(events.size()));
        });
        try (AlertstreamClient client = AlertstreamClient.http(base, "s3cret").batchSize(7).lingerMs(20)
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build()) {
            for (int i = 0; i < 60; i++) {
                assertThat(client.send(event(i))).isTrue();
            }
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(received).as("every event exactly once, in order").isEqualTo(IntStream.range(0, 60).boxed().toList());
            assertThat(client.sent()).isEqualTo(60);
            assertThat(client.dropped()).isZero();
            assertThat(client.rejected()).isZero();
            assertThat(auth).containsOnly("Bearer s3cret");
            long afterThrottleMs = (requestNanos.get(5) - requestNanos.get(4)) / 1_000_000;
            assertThat(afterThrottleMs).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(950);
        }
    }

    @Test
    void shouldReportItemRejectionsAndKeepTheRest() throws Exception {
        String base = start(events -> events.size() == 1
                ? new Answer(400, Map.of(), "{\"accepted\":0,\"rejected\":[{\"index\":0,\"reason\":\"invalid_json\",\"detail\":\"no\"}]}")
                : new Answer(200, Map.of(), "{\"accepted\":2,\"rejected\":[{\"index\":1,\"reason\":\"too_many_fields\",\"detail\":\"limit 256\"},"
                        + "{\"index\":99,\"reason\":\"ignored\"}],\"extra\":true}"));
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.http(base, "t").lingerMs(50).onRejected(rejected::add).build()) {
            client.send(event(0));
            client.send(event(1));
            client.send(event(2));
            assertThat(client.flush(WAIT)).isTrue();
            client.send(event(3));
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(received).containsExactly(0, 2);
            assertThat(rejected).extracting(RejectedEvent::reason).containsExactly("too_many_fields", "invalid_json");
            assertThat(rejected.get(0).json()).contains("\"seq\":1");
            assertThat(client.rejected()).isEqualTo(2);
            assertThat(client.sent()).isEqualTo(2);
        }
    }

    @Test
    void shouldRejectTheWholeBatchOn400EvenWhereTheBodyNamesNoReason() throws Exception {
        String base = start(events -> new Answer(400, Map.of(), "{\"rejected\":[{\"index\":1,\"reason\":\"missing_timestamp\"}]}"));
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.http(base, "t").lingerMs(100).onRejected(rejected::add).build()) {
            IntStream.range(0, 3).forEach(i -> client.send(event(i)));
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(rejected).extracting(RejectedEvent::reason).containsExactly("bad_request", "missing_timestamp", "bad_request");
            assertThat(client.sent()).isZero();
            assertThat(client.rejected()).isEqualTo(3);
        }
    }

    @Test
    void shouldSplitABatchTheServerFindsTooLarge() throws Exception {
        String base = start(events -> events.size() > 2
                ? new Answer(413, Map.of(), "")
                : new Answer(200, Map.of(), accepted(events.size())));
        try (AlertstreamClient client = AlertstreamClient.http(base, "t").lingerMs(100).build()) {
            IntStream.range(0, 10).forEach(i -> client.send(event(i)));
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(received).isEqualTo(IntStream.range(0, 10).boxed().toList());
            assertThat(client.sent()).isEqualTo(10);
        }
    }

    @Test
    void shouldRejectEverythingAsUnauthorizedOn401AndKeepRunning() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        String base = start(events -> requests.getAndIncrement() == 0
                ? new Answer(401, Map.of(), "{\"error\":\"bad token\"}")
                : new Answer(200, Map.of(), accepted(events.size())));
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.http(base, "wrong").lingerMs(50).onRejected(rejected::add).build()) {
            client.send(event(0));
            client.send(event(1));
            assertThat(client.flush(WAIT)).isTrue();
            client.send(event(2));
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(rejected).extracting(RejectedEvent::reason).containsExactly("unauthorized", "unauthorized");
            assertThat(rejected.get(0).detail()).contains("bad token");
            assertThat(received).containsExactly(2);
        }
    }

    @Test
    void shouldKeepEventsWhileNothingListens() throws Exception {
        // A port that was free a moment ago: every attempt is refused.
        HttpServer probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        int port = probe.getAddress().getPort();
        probe.stop(0);
        try (AlertstreamClient client = AlertstreamClient.http("http://127.0.0.1:" + port, "t").lingerMs(0)
                .httpTimeout(Duration.ofSeconds(1)).backoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .closeTimeout(Duration.ofMillis(200)).build()) {
            IntStream.range(0, 5).forEach(i -> client.send(event(i)));
            assertThat(client.flush(Duration.ofMillis(800))).as("nothing listens").isFalse();
            assertThat(client.pending()).as("kept for the retry").isEqualTo(5);
            assertThat(client.dropped()).isZero();
        }
    }

    @Test
    void shouldRetryWhenTheServerHangsUpWithoutAnswering() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/events", exchange -> {
            if (requests.getAndIncrement() < 3) {
                exchange.close(); // no status line: the client sees an I/O error
                return;
            }
            handle(exchange, events -> new Answer(200, Map.of(), accepted(events.size())));
        });
        server.start();
        try (AlertstreamClient client = AlertstreamClient.http("http://127.0.0.1:" + server.getAddress().getPort(), "t")
                .lingerMs(0).backoff(Duration.ofMillis(20), Duration.ofMillis(100)).build()) {
            IntStream.range(0, 5).forEach(i -> client.send(event(i)));
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(received).isEqualTo(IntStream.range(0, 5).boxed().toList());
            assertThat(requests.get()).isGreaterThan(3);
        }
    }

    @Test
    void shouldReadRetryAfterLeniently() {
        assertThat(HttpAnswers.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(HttpAnswers.retryAfter("soon")).isNull();
        assertThat(HttpAnswers.retryAfter(null)).isNull();
        assertThat(HttpAnswers.retryAfter("999999")).isEqualTo(Duration.ofMinutes(5));
        assertThat(HttpAnswers.rejections("not json", 3)).isEmpty();
        assertThat(HttpAnswers.rejections("{\"rejected\":[{\"index\":\"x\"},{\"index\":2}]}", 3))
                .containsExactly(new Rejection(2, null, null));
    }
}
