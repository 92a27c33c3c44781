package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.client.AlertstreamClient;
import io.alertstream.client.HttpTransport;
import io.alertstream.client.PermanentFailure;
import io.alertstream.client.RejectedEvent;
import io.alertstream.client.Transport;
import io.alertstream.client.TransientFailure;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.Waits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The client library's HTTP transport ({@code AlertstreamClient.http}) against the real API and a real
 * broker: every event sent ends up on the events topic exactly once with its owner (a batch above the API's
 * item limit split until it fits), refusals reach
 * {@code onRejected} with the API's reason, an API outage loses and doubles nothing up to the buffer bound
 * and drops exactly the excess beyond it, a revoked token and the API's rate limit are survived.
 * Each test marks its events with its own {@code run} id and checks the topic for that run only.
 * The outage test restarts the API on the same port and runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientOverApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENTS = "client-events";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The API's {@code ingest.max.items}: a client batch above it is answered 413. */
    private static final int MAX_ITEMS = 8;
    private static EmbeddedKafka kafka;
    private static Properties props;
    private static ApiApp app;
    private static ApiClient api;
    private static String jwt;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopic(EVENTS, 2, Map.of());
        // A fixed port, so that the restarted API in the outage test is found where the client knows it.
        props = ApiTestSupport.with(ApiTestSupport.props(kafka, "client"), Map.of(
                "alertstream.topic.events", EVENTS, "alertstream.api.port", String.valueOf(freePort()),
                "alertstream.api.ingest.max.items", String.valueOf(MAX_ITEMS)));
        app = ApiTestSupport.start(props);
        api = new ApiClient(app.url());
        assertThat(AccountsIT.signup(api, "sender", "senders password").status()).isEqualTo(201);
        jwt = AccountsIT.login(api, "sender", "senders password");
        token = newToken("client");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void shouldDeliverEveryEventExactlyOnceInSmallBatches() {
        String run = UUID.randomUUID().toString();
        try (AlertstreamClient client = AlertstreamClient.http(app.url(), token).batchSize(7).lingerMs(5).build()) {
            for (int i = 0; i < 100; i++) {
                assertThat(client.send(event(run, i, System.currentTimeMillis()))).isTrue();
            }

            assertThat(client.flush(WAIT)).as("flush").isTrue();

            assertThat(client.sent()).isEqualTo(100);
            assertThat(client.rejected()).isZero();
            assertThat(client.dropped()).isZero();
        }
        List<ConsumerRecord<byte[], byte[]>> written = recordsOf(run);
        assertThat(seqs(written)).isEqualTo(range(0, 100));
        assertThat(written).allSatisfy(r -> assertThat(header(r, "alertstream.owner")).isEqualTo("sender"));
    }

    @Test
    @Order(2)
    void shouldSplitABatchTheApiFindsTooLargeUntilItFits() {
        String run = UUID.randomUUID().toString();
        try (LogCapture log = LogCapture.open();
             AlertstreamClient client = AlertstreamClient.http(app.url(), token).batchSize(20).lingerMs(200).build()) {
            for (int i = 0; i < 40; i++) {
                client.send(event(run, i, System.currentTimeMillis()));
            }

            assertThat(client.flush(WAIT)).isTrue();

            assertThat(client.sent()).isEqualTo(40);
            assertThat(client.rejected()).isZero();
            // 413 for 20 and 10 items, then halves of 5: a split, not a failure to retry.
            assertThat(log.lines()).noneMatch(l -> l.contains("Could not deliver"));
        }
        assertThat(seqs(recordsOf(run))).isEqualTo(range(0, 40));
    }

    @Test
    @Order(3)
    void shouldReportInvalidEventsThroughOnRejectedWithTheApisReasonAndNeverRetryThem() {
        String run = UUID.randomUUID().toString();
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        long future = System.currentTimeMillis() + 3_600_000;
        try (LogCapture log = LogCapture.open();
             AlertstreamClient client = AlertstreamClient.http(app.url(), token).batchSize(4).lingerMs(50)
                     .onRejected(rejected::add).build()) {
            // A batch with nothing valid (the API answers 400 with the reason of each item)...
            client.send(event(run, 0, future));
            assertThat(client.flush(WAIT)).isTrue();
            // ...and batches that mix valid and invalid events (200 naming the refused ones).
            for (int i = 1; i < 12; i++) {
                client.send(event(run, i, i % 3 == 0 ? future : System.currentTimeMillis()));
            }
            assertThat(client.flush(WAIT)).isTrue();

            assertThat(client.rejected()).isEqualTo(4);
            assertThat(client.sent()).isEqualTo(8);
            assertThat(rejected).extracting(RejectedEvent::reason).containsOnly("future-timestamp");
            assertThat(rejected).extracting(r -> seq(r.json())).containsExactly(0, 3, 6, 9);
            assertThat(rejected).allSatisfy(r -> assertThat(r.detail()).isNotBlank());
            // A refusal is final: no batch was ever retried.
            assertThat(log.lines()).noneMatch(l -> l.contains("Could not deliver"));
        }
        assertThat(seqs(recordsOf(run))).isEqualTo(List.of(1, 2, 4, 5, 7, 8, 10, 11));
    }

    @Test
    @Order(4)
    void shouldRejectEverythingAsUnauthorizedOnceTheTokenIsRevokedAndKeepRunning() {
        String run = UUID.randomUUID().toString();
        JsonNode created = api.post("/v1/tokens", jwt, "{\"name\":\"to-revoke\"}").json();
        List<RejectedEvent> rejected = new CopyOnWriteArrayList<>();
        try (AlertstreamClient client = AlertstreamClient.http(app.url(), created.get("token").asText()).batchSize(3).lingerMs(0)
                .onRejected(rejected::add).build()) {
            for (int i = 0; i < 3; i++) {
                client.send(event(run, i, System.currentTimeMillis()));
            }
            assertThat(client.flush(WAIT)).isTrue();
            assertThat(client.sent()).isEqualTo(3);

            String id = created.get("id").asText();
            assertThat(api.send("DELETE", "/v1/tokens/" + id, "/v1/tokens/{id}", jwt, null).status()).isEqualTo(204);
            for (int i = 3; i < 8; i++) {
                assertThat(client.send(event(run, i, System.currentTimeMillis()))).as("still buffering").isTrue();
            }

            assertThat(client.flush(WAIT)).as("the client keeps running").isTrue();
            assertThat(client.rejected()).isEqualTo(5);
            assertThat(client.sent()).isEqualTo(3);
            assertThat(client.dropped()).isZero();
            assertThat(rejected).extracting(RejectedEvent::reason).containsOnly("unauthorized");
            assertThat(rejected).allSatisfy(r -> assertThat(r.detail()).contains("revoked"));
        }
        assertThat(seqs(recordsOf(run))).isEqualTo(range(0, 3));
    }

    @Test
    @Order(5)
    void shouldWaitOutTheRateLimitAndDeliverEverything() throws Exception {
        String run = UUID.randomUUID().toString();
        Properties limited = ApiTestSupport.with(props, Map.of("alertstream.api.port", "0",
                "alertstream.api.rate.limit.per.second", "2", "alertstream.api.rate.limit.burst", "2",
                "alertstream.api.application.id", ApiTestSupport.unique("client-limited")));
        try (ApiApp other = ApiTestSupport.start(limited);
             LogCapture log = LogCapture.open();
             AlertstreamClient client = AlertstreamClient.http(other.url(), token).batchSize(2).lingerMs(0)
                     .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build()) {
            for (int i = 0; i < 10; i++) {
                client.send(event(run, i, System.currentTimeMillis()));
            }

            assertThat(client.flush(WAIT)).isTrue();

            assertThat(client.sent()).isEqualTo(10);
            assertThat(client.rejected()).isZero();
            assertThat(log.lines()).as("the API did limit the client").anyMatch(l -> l.contains("answered 429"));
        }
        assertThat(seqs(recordsOf(run))).isEqualTo(range(0, 10));
    }

    @Test
    @Order(100)
    void shouldLoseAndDoubleNothingAcrossAnApiOutageUpToTheBufferBoundAndDropExactlyTheExcess() throws Exception {
        String run = UUID.randomUUID().toString();
        String overflowRun = UUID.randomUUID().toString();
        List<Object> dropped = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        Transport counted = new CountingTransport(new HttpTransport(URI.create(app.url()), token, Duration.ofSeconds(10)), attempts);
        try (AlertstreamClient client = AlertstreamClient.http(app.url(), token).bufferCapacity(500).batchSize(5).lingerMs(0)
                .backoff(Duration.ofMillis(50), Duration.ofMillis(500)).build();
             AlertstreamClient small = AlertstreamClient.custom(counted).bufferCapacity(20).batchSize(5).lingerMs(0)
                     .backoff(Duration.ofMillis(50), Duration.ofMillis(500))
                     .onDrop((event, reason) -> dropped.add(reason + ":" + ((Map<?, ?>) event).get("seq"))).build()) {
            // Given a stream of events being delivered...
            for (int i = 0; i < 300; i++) {
                client.send(event(run, i, System.currentTimeMillis()));
            }
            await(() -> client.sent() >= 50, "the first events delivered");

            // ...when the API goes away mid-stream and events keep coming (fewer than the buffer holds)...
            app.close();
            for (int i = 300; i < 400; i++) {
                assertThat(client.send(event(run, i, System.currentTimeMillis()))).isTrue();
            }
            assertThat(client.flush(Duration.ofSeconds(1))).as("nothing can be delivered while the API is down").isFalse();

            // ...and a client with a small buffer gets more than it holds: one event in flight, 20 buffered, 7 too many.
            small.send(event(overflowRun, 0, System.currentTimeMillis()));
            await(() -> attempts.get() >= 1, "the small client's first attempt");
            for (int i = 1; i <= 27; i++) {
                small.send(event(overflowRun, i, System.currentTimeMillis()));
            }
            assertThat(small.dropped()).isEqualTo(7);
            assertThat(dropped).isEqualTo(IntStream.rangeClosed(21, 27).mapToObj(i -> "BUFFER_FULL:" + i).toList());

            // Then, once the API is back on the same port, everything buffered arrives exactly once.
            app = ApiTestSupport.start(props);
            assertThat(client.flush(WAIT)).as("flush after the restart").isTrue();
            assertThat(small.flush(WAIT)).as("small flush after the restart").isTrue();
            assertThat(client.sent()).isEqualTo(400);
            assertThat(client.dropped()).isZero();
            assertThat(client.rejected()).isZero();
            assertThat(small.sent()).isEqualTo(21);
        }
        assertThat(seqs(recordsOf(run))).isEqualTo(range(0, 400));
        assertThat(seqs(recordsOf(overflowRun))).isEqualTo(range(0, 21));
    }

    /** The real HTTP transport, counting its attempts: the test's way to know a batch has left the buffer. */
    private record CountingTransport(Transport inner, AtomicInteger attempts) implements Transport {
        @Override
        public void deliver(List<byte[]> events) throws TransientFailure, PermanentFailure {
            attempts.incrementAndGet();
            inner.deliver(events);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    private static Map<String, Object> event(String run, int seq, long timestamp) {
        return Map.of("run", run, "seq", seq, "timestamp", timestamp, "service", "checkout");
    }

    private static String newToken(String name) {
        ApiClient.Response r = api.post("/v1/tokens", jwt, ApiClient.json(Map.of("name", name)));
        assertThat(r.status()).as("%s", r).isEqualTo(201);
        return r.json().get("token").asText();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Waits.until(condition, WAIT, () -> "waiting for " + what, 10);
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    /** The {@code seq} of each record, sorted: equal to a range exactly when each event is there once. */
    private static List<Integer> seqs(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> seq(new String(r.value(), StandardCharsets.UTF_8))).sorted().toList();
    }

    private static int seq(String json) {
        try {
            return JSON.readTree(json).get("seq").asInt();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of the events topic, up to its end, whose {@code run} is {@code run}. */
    private static List<ConsumerRecord<byte[], byte[]>> recordsOf(String run) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(EVENTS).stream().map(i -> new TopicPartition(EVENTS, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (new String(r.value(), StandardCharsets.UTF_8).contains("\"run\":\"" + run + "\"")) {
                        out.add(r);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + EVENTS + " to its end");
                }
            }
        }
        return out;
    }
}
