package io.alertstream.connectors.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.elasticsearch.DocumentRejection;
import io.alertstream.connectors.elasticsearch.ElasticsearchBulkWriter;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnectorConfig;
import io.alertstream.connectors.elasticsearch.IndexDocument;
import io.alertstream.connectors.elasticsearch.IndexTemplateBody;
import io.alertstream.connectors.elasticsearch.TemplateProfile;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedElasticsearch;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Elasticsearch sink in a real Connect worker, against a real broker and a real Elasticsearch node
 * (one per class). Each test uses its own topics and connectors, so the tests do not depend on each other.
 */
class ElasticsearchSinkIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static EmbeddedKafka kafka;
    private static EmbeddedConnect connect;
    private static EmbeddedElasticsearch elasticsearch;
    private static KafkaTestClients clients;
    private static ElasticsearchHttp es;

    @BeforeAll
    static void startServices() {
        elasticsearch = EmbeddedElasticsearch.builder().heapMb(512).start();
        kafka = EmbeddedKafka.start();
        connect = EmbeddedConnect.start(kafka.bootstrapServers());
        clients = new KafkaTestClients(kafka.bootstrapServers());
        es = new ElasticsearchHttp(elasticsearch.url());
    }

    @AfterAll
    static void stopServices() {
        Waits.closeAll(clients, connect, kafka, elasticsearch);
    }

    private static Map<String, String> sink(String topic, String indexPattern) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ElasticsearchSinkConnector.class.getName());
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("connection.urls", elasticsearch.url());
        config.put("index.pattern", indexPattern);
        config.put("retry.backoff.max.ms", "2000");
        config.put("errors.tolerance", "all"); // the sinks refuse a config where one bad record stops the task
        return config;
    }

    private static void startConnector(String name, Map<String, String> config, int tasks) {
        connect.putConnector(name, config);
        connect.awaitConnectorRunning(name, tasks, TIMEOUT);
    }

    private static void awaitCount(String pattern, long expected) {
        Waits.until(() -> es.count(pattern) == expected, TIMEOUT,
                () -> pattern + " holds " + es.count(pattern) + " documents, expected " + expected);
    }

    @Test
    void eventsAndAlertsShouldBeIndexedWithTheTemplateMappings() {
        kafka.createTopic("events-t1", 2, Map.of());
        kafka.createTopic("alerts-t1", 1, Map.of());
        for (int i = 0; i < 10; i++) {
            clients.send("events-t1", "k" + i, TestData.event(i, "2026-11-21T10:00:00+01:00"));
        }
        long nov22 = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
        for (int i = 10; i < 15; i++) {
            clients.send("events-t1", "k" + i, TestData.event(i, nov22));
        }
        clients.send("alerts-t1", "high-latency|service=web", TestData.alert("a-1", "FIRING", 612.5, "2026-11-21T10:05:00Z"));
        clients.send("alerts-t1", "high-latency|service=web", TestData.alert("a-2", "RESOLVED", 120, "2026-11-21T10:20:00Z"));
        // A rule grouped by a dotted field (http.route) next to one grouped by its prefix (http): both index.
        Map<String, Object> dotted = new java.util.LinkedHashMap<>(TestData.alert("a-3", "FIRING", 700, "2026-11-21T10:06:00Z"));
        dotted.put("group", Map.of("http.route", "/search"));
        clients.send("alerts-t1", "p95|http.route=/search", dotted);
        Map<String, Object> prefix = new java.util.LinkedHashMap<>(TestData.alert("a-4", "FIRING", 701, "2026-11-21T10:07:00Z"));
        prefix.put("group", Map.of("http", "GET"));
        prefix.put("labels", Map.of("app.tier", "frontend"));
        clients.send("alerts-t1", "by-method|http=GET", prefix);
        // The topology may emit the same transition again after a restart: same id, no second document.
        clients.send("alerts-t1", "high-latency|service=web", TestData.alert("a-1", "FIRING", 612.5, "2026-11-21T10:05:00Z"));
        clients.flush();

        Map<String, String> events = sink("events-t1", "{topic}-{yyyy.MM.dd}");
        events.put("tasks.max", "2");
        events.put("event.time.field", "timestamp");
        startConnector("es-events-t1", events, 2);
        Map<String, String> alerts = sink("alerts-t1", "{topic}-{yyyy.MM}");
        alerts.put("document.id.field", "id");
        alerts.put("event.time.field", "at");
        alerts.put("index.template.profile", "alert");
        startConnector("es-alerts-t1", alerts, 1);

        awaitCount("events-t1-2026.11.21", 10);
        awaitCount("events-t1-2026.11.22", 5);
        awaitCount("alerts-t1-2026.11", 4);

        JsonNode alertFields = es.get("/alerts-t1-2026.11/_mapping").at("/alerts-t1-2026.11/mappings/properties");
        assertThat(type(alertFields, "/status")).isEqualTo("keyword");
        assertThat(type(alertFields, "/level")).isEqualTo("keyword");
        assertThat(type(alertFields, "/ruleId")).isEqualTo("keyword");
        assertThat(type(alertFields, "/alertKey")).isEqualTo("keyword");
        assertThat(type(alertFields, "/id")).isEqualTo("keyword");
        assertThat(type(alertFields, "/value")).isEqualTo("double");
        assertThat(type(alertFields, "/threshold")).isEqualTo("double");
        assertThat(type(alertFields, "/window/properties/start")).isEqualTo("date");
        assertThat(type(alertFields, "/window/properties/end")).isEqualTo("date");
        assertThat(type(alertFields, "/startsAt")).isEqualTo("date");
        assertThat(type(alertFields, "/at")).isEqualTo("date");
        assertThat(type(alertFields, "/summary")).isEqualTo("text");
        assertThat(type(alertFields, "/group/properties/region")).isEqualTo("keyword");
        assertThat(type(alertFields, "/labels/properties/team")).isEqualTo("keyword");
        assertThat(type(alertFields, "/group/properties/http.route")).isEqualTo("keyword");
        assertThat(type(alertFields, "/group/properties/http")).isEqualTo("keyword");
        assertThat(type(alertFields, "/labels/properties/app.tier")).isEqualTo("keyword");

        JsonNode eventFields = es.get("/events-t1-2026.11.21/_mapping").at("/events-t1-2026.11.21/mappings/properties");
        assertThat(type(eventFields, "/timestamp")).isEqualTo("date");
        assertThat(type(eventFields, "/labels/properties/env")).isEqualTo("keyword");
        assertThat(type(eventFields, "/group/properties/service")).isEqualTo("keyword");

        JsonNode firing = es.get("/alerts-t1-2026.11/_doc/a-1").path("_source");
        assertThat(firing.path("status").asText()).isEqualTo("FIRING");
        assertThat(firing.path("value").asDouble()).isEqualTo(612.5);
    }

    @Test
    void replayFromOffsetZeroShouldAddNoDuplicate() {
        kafka.createTopic("events-t2", 2, Map.of());
        for (int i = 0; i < 20; i++) {
            clients.send("events-t2", "k" + i, TestData.event(i, "2026-11-21T08:00:00Z"));
        }
        clients.flush();
        Map<String, String> config = sink("events-t2", "{topic}-{yyyy.MM.dd}");
        startConnector("es-replay-first", config, 1);
        awaitCount("events-t2-*", 20);
        Waits.until(() -> clients.caughtUp("es-replay-first", "events-t2"), TIMEOUT, () -> "first run not committed");
        connect.deleteConnector("es-replay-first");

        // A new connector name is a new consumer group: it reads the topic again from offset 0.
        startConnector("es-replay-second", config, 1);
        Waits.until(() -> clients.caughtUp("es-replay-second", "events-t2"), TIMEOUT, () -> "replay not committed");

        assertThat(es.count("events-t2-*")).isEqualTo(20);
        JsonNode replayed = es.get("/events-t2-2026.11.21/_doc/events-t2+0+0");
        assertThat(replayed.path("found").asBoolean()).isTrue();
        assertThat(replayed.path("_version").asLong()).as("the replay overwrote the document").isEqualTo(2);
    }

    @Test
    void mappingConflictShouldGoToTheDeadLetterTopicWhileTheRestFlows() {
        kafka.createTopic("alerts-t3", 1, Map.of());
        clients.send("alerts-t3", "k", TestData.alert("ok-1", "FIRING", 700, "2026-11-21T10:05:00Z"));
        clients.send("alerts-t3", "k", TestData.alert("bad-1", "FIRING", "not-a-number", "2026-11-21T10:06:00Z"));
        clients.send("alerts-t3", "k", TestData.alert("ok-2", "RESOLVED", 100, "2026-11-21T10:07:00Z"));
        clients.flush();
        Map<String, String> config = sink("alerts-t3", "{topic}");
        config.put("document.id.field", "id");
        config.put("event.time.field", "at");
        config.put("index.template.profile", "alert");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "alerts-t3-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        startConnector("es-alerts-t3", config, 1);

        awaitCount("alerts-t3", 2);
        List<ConsumerRecord<String, String>> dead = clients.readAll("alerts-t3-dlq", 1, TIMEOUT);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value()).contains("\"id\":\"bad-1\"");
        assertThat(header(dead.get(0), "__connect.errors.topic")).isEqualTo("alerts-t3");
        assertThat(header(dead.get(0), "__connect.errors.offset")).isEqualTo("1");
        assertThat(header(dead.get(0), "__connect.errors.exception.message"))
                .contains("topic 'alerts-t3' partition 0 offset 1")
                .contains("HTTP 400")
                .contains("[value]")
                .contains("behavior.on.malformed.documents");
        Waits.until(() -> clients.caughtUp("es-alerts-t3", "alerts-t3"), TIMEOUT, () -> "offsets not committed");
        assertThat(es.get("/alerts-t3/_doc/ok-2").path("found").asBoolean()).isTrue();
    }

    @Test
    void elasticsearchOutageOfThirtySecondsShouldLoseNothing() {
        kafka.createTopic("events-t4", 2, Map.of());
        Map<String, String> config = sink("events-t4", "{topic}");
        config.put("max.retries", "3");
        startConnector("es-outage", config, 1);
        for (int i = 0; i < 50; i++) {
            clients.send("events-t4", "k" + i, TestData.event(i, "2026-11-21T10:00:00Z"));
        }
        clients.flush();
        awaitCount("events-t4", 50);
        Waits.until(() -> clients.committedTotal("es-outage") == 50, TIMEOUT, () -> "first 50 not committed");

        elasticsearch.stop();
        for (int i = 50; i < 150; i++) {
            clients.send("events-t4", "k" + i, TestData.event(i, "2026-11-21T10:00:00Z"));
        }
        clients.flush();
        // Thirty seconds down: nothing may be committed for records Elasticsearch never acknowledged.
        Waits.holdsFor(Duration.ofSeconds(30), () -> assertThat(clients.committedTotal("es-outage"))
                .as("offsets committed while Elasticsearch is down").isEqualTo(50));
        assertThat(connect.connectorStatus("es-outage")).doesNotContain("FAILED");
        elasticsearch.restart();

        Waits.until(() -> es.count("events-t4") == 150, Duration.ofSeconds(120),
                () -> "events-t4 holds " + es.count("events-t4") + " documents after the outage, expected 150");
        Waits.until(() -> clients.committedTotal("es-outage") == 150, TIMEOUT, () -> "offsets after the outage");
    }

    @Test
    void bulkWriterShouldSplitIntoConcurrentRequestsAndReturnOnlyTheRejectedItem() {
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(Map.of(
                "connection.urls", elasticsearch.url(), "batch.size", "1000", "max.in.flight.requests", "3"));
        ObjectMapper json = new ObjectMapper();
        List<IndexDocument> documents = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            ObjectNode source = json.createObjectNode().put("value", 1.5 * i);
            if (i == 1_700) {
                source.put("value", "not-a-number");
            }
            SinkRecord record = new SinkRecord("writer-t5", 0, null, null, null, null, i, 0L, TimestampType.CREATE_TIME);
            documents.add(new IndexDocument("writer-t5", "d" + i, source, record));
        }
        try (ElasticsearchBulkWriter writer = new ElasticsearchBulkWriter(config)) {
            writer.putIndexTemplate(IndexTemplateBody.name("writer-t5"),
                    IndexTemplateBody.build("writer-t5", TemplateProfile.ALERT, "at"));
            List<DocumentRejection> rejections = writer.write(documents);
            assertThat(rejections).singleElement().satisfies(r -> {
                assertThat(r.document().id()).isEqualTo("d1700");
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.reason()).contains("[value]");
            });
        }
        assertThat(es.count("writer-t5")).isEqualTo(2_499);
    }

    @Test
    void unreachableClusterShouldBeRetriableNamingTheRecordAndTheKeys() {
        ElasticsearchSinkConnectorConfig config = new ElasticsearchSinkConnectorConfig(Map.of(
                "connection.urls", "http://127.0.0.1:9", "max.retries", "1", "retry.backoff.ms", "10"));
        SinkRecord record = new SinkRecord("t", 3, null, null, null, null, 42, 0L, TimestampType.CREATE_TIME);
        try (ElasticsearchBulkWriter writer = new ElasticsearchBulkWriter(config)) {
            assertThatThrownBy(() -> writer.write(List.of(new IndexDocument("t", "x", new ObjectMapper()
                    .createObjectNode(), record))))
                    .isInstanceOf(RetriableException.class)
                    .hasMessageContaining("topic 't' partition 3 offset 42")
                    .hasMessageContaining("connection.urls").hasMessageContaining("max.retries");
        }
    }

    private static String type(JsonNode properties, String path) {
        return properties.at(path + "/type").asText();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
