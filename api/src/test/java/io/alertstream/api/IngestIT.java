package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.processors.EventAdmission;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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

/** POST /v1/events against a real broker: each item's fate checked on the events topic. The broker-down test runs last. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {
    private static final String EVENTS = "ingest-events";
    private static EmbeddedKafka kafka;
    private static Properties props;
    private static ApiApp app;
    private static ApiClient client;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.start();
        kafka.createTopic(EVENTS, 2, Map.of());
        props = ApiTestSupport.with(ApiTestSupport.props(kafka, "ingest"), Map.of(
                "alertstream.topic.events", EVENTS,
                "alertstream.event.max.bytes", "300",
                "alertstream.api.ingest.max.items", "5",
                "alertstream.api.ingest.max.bytes", "4096",
                "alertstream.api.ingest.timeout", "3s"));
        app = ApiTestSupport.start(props);
        client = new ApiClient(app.url());
        assertThat(AccountsIT.signup(client, "ingester", "ingesters password").status()).isEqualTo(201);
        String jwt = AccountsIT.login(client, "ingester", "ingesters password");
        token = client.post("/v1/tokens", jwt, "{\"name\":\"ingest\"}").json().get("token").asText();
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

    private static String event(String marker, Object timestamp) {
        return timestamp == null ? "{\"marker\":\"" + marker + "\",\"v\":1}"
                : "{\"marker\":\"" + marker + "\",\"timestamp\":" + timestamp + ",\"v\":1}";
    }

    @Test
    @Order(1)
    void shouldWriteAValidEventWithTheOwnerAndSourceHeaders() {
        String marker = UUID.randomUUID().toString();
        ApiClient.Response r = client.post("/v1/events", token, event(marker, System.currentTimeMillis()));
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        ConsumerRecord<byte[], byte[]> written = onTopic(marker);
        assertThat(written).isNotNull();
        assertThat(header(written, "alertstream.owner")).isEqualTo("ingester");
        assertThat(header(written, "alertstream.source")).isEqualTo("api");
    }

    @Test
    @Order(2)
    void shouldRejectEachInvalidEventWithTheEnginesDeadLetterReason() {
        long now = System.currentTimeMillis();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("\"just a string\"", "not-an-object");
        cases.put("[[1]]", "not-an-object");
        cases.put(event("bad", "\"yesterday\""), "bad-timestamp");
        cases.put(event("future", now + 3_600_000), "future-timestamp");
        cases.put(event("negative", -5), "negative-timestamp");
        cases.put(event("wrong", "true"), "wrong-type");
        cases.put("{\"big\":\"" + "x".repeat(400) + "\"}", "oversize");
        cases.put("{\"huge\":1e400}", "non-finite-number");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            ApiClient.Response r = client.post("/v1/events", token, c.getKey());
            assertThat(r.status()).as("%s -> %s", c.getKey(), r).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("accepted").asInt()).isZero();
            assertThat(r.json().get("rejected").get(0).get("reason").asText()).as(c.getKey()).isEqualTo(c.getValue());
        }
        assertThat(onTopic("future")).isNull();
        assertThat(onTopic("negative")).isNull();
    }

    @Test
    @Order(3)
    void shouldAcceptTheValidItemsOfAMixedBatchOnlyAndNothingTheEngineWouldDeadLetter() {
        String ok1 = UUID.randomUUID().toString();
        String ok2 = UUID.randomUUID().toString();
        String future = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        String body = "[" + event(ok1, now) + ", 42, " + event(future, now + 3_600_000) + ", " + event(ok2, "\"2026-01-01T00:00:00Z\"") + "]";
        ApiClient.Response r = client.post("/v1/events", token, body);
        assertThat(r.status()).as("%s", r).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("accepted").asInt()).isEqualTo(2);
        assertThat(json.get("rejected")).hasSize(2);
        assertThat(json.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(json.get("rejected").get(0).get("reason").asText()).isEqualTo("not-an-object");
        assertThat(json.get("rejected").get(1).get("index").asInt()).isEqualTo(2);
        assertThat(json.get("rejected").get(1).get("reason").asText()).isEqualTo("future-timestamp");
        assertThat(onTopic(ok1)).isNotNull();
        assertThat(onTopic(ok2)).isNotNull();
        assertThat(onTopic(future)).isNull();
        AlertTopologyConfig engine = AlertTopologyConfig.from(props);
        for (ConsumerRecord<byte[], byte[]> rec : all()) {
            EventAdmission.Verdict v = EventAdmission.check(rec.value(), engine, rec.timestamp(), System.currentTimeMillis());
            assertThat(v.accepted()).as("%s: %s", new String(rec.value(), StandardCharsets.UTF_8), v.message()).isTrue();
        }
    }

    @Test
    @Order(4)
    void shouldAnswer400ForAMalformedBodyAnd413ForTooManyOrTooLarge() {
        ApiClient.Response malformed = client.post("/v1/events", token, "{\"a\": ");
        assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
        assertThat(malformed.json().has("rejected")).isFalse();
        String six = "[" + String.join(",", java.util.Collections.nCopies(6, "{}")) + "]";
        ApiClient.Response tooMany = client.post("/v1/events", token, six);
        assertThat(tooMany.status()).as("%s", tooMany).isEqualTo(413);
        String five = "[" + String.join(",", java.util.Collections.nCopies(5, "{\"v\":1}")) + "]";
        assertThat(client.post("/v1/events", token, five).status()).isEqualTo(200);
        ApiClient.Response tooLarge = client.post("/v1/events", token, "{\"pad\":\"" + "y".repeat(5000) + "\"}");
        assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
        assertThat(tooLarge.contentType()).startsWith("application/problem+json");
    }

    @Test
    @Order(5)
    void shouldAnswer401WithoutAToken() {
        ApiClient.Response r = client.post("/v1/events", null, event("anon", null));
        assertThat(r.status()).isEqualTo(401);
        assertThat(onTopic("anon")).isNull();
    }

    @Test
    @Order(6)
    void shouldAnswer429BeyondTheRateLimit() throws Exception {
        Properties limited = ApiTestSupport.with(props, Map.of("alertstream.api.rate.limit.per.second", "1",
                "alertstream.api.rate.limit.burst", "3", "alertstream.api.application.id", ApiTestSupport.unique("ingest-limited")));
        try (ApiApp other = ApiTestSupport.start(limited)) {
            ApiClient c = new ApiClient(other.url());
            List<Integer> statuses = new ArrayList<>();
            ApiClient.Response last = null;
            for (int i = 0; i < 5; i++) {
                last = c.post("/v1/events", token, event("limited-" + i, null));
                statuses.add(last.status());
            }
            assertThat(statuses.subList(0, 3)).containsOnly(200);
            assertThat(statuses).contains(429);
            assertThat(last.status()).isEqualTo(429);
            assertThat(last.header("Retry-After")).isPresent();
        }
    }

    @Test
    @Order(100)
    void shouldAnswer503AndClaimNothingWhenTheBrokerIsDown() {
        kafka.stop();
        String marker = UUID.randomUUID().toString();
        ApiClient.Response r = client.post("/v1/events", token, event(marker, null));
        assertThat(r.status()).as("%s", r).isEqualTo(503);
        assertThat(r.header("Retry-After")).isPresent();
        assertThat(r.json().has("accepted")).isFalse();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> onTopic(String marker) {
        for (ConsumerRecord<byte[], byte[]> r : all()) {
            if (new String(r.value(), StandardCharsets.UTF_8).contains(marker)) {
                return r;
            }
        }
        return null;
    }

    /** Every record of the events topic, up to its end. */
    private static List<ConsumerRecord<byte[], byte[]>> all() {
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
                c.poll(Duration.ofMillis(200)).forEach(out::add);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + EVENTS + " to its end");
                }
            }
        }
        return out;
    }
}
