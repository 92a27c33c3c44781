package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a downstream consumer sees it: events in, alert transitions out on a
 * {@code read_committed} consumer, every field of the alert contract (README, "Output formats")
 * checked for a FIRING and its RESOLVED; ids stable when the same input is processed again by another
 * application; a malformed event dead-lettered with its origin headers while processing goes on.
 */
class EndToEndIT {
    private static final String RULE = """
            rules:
              - id: e2e-errors
                description: Server errors per service
                labels: {team: e2e, category: availability}
                summary: "{{group.service}}: {{value}} errors ({{level}}, threshold {{threshold}})"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m, grace: 5s}
                aggregate: count
                triggers:
                  warning: {above: 3, clear_below: 2}
                owners: [oncall-e2e]
                recipients: {warning: [e2e@example.com]}
            """;
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @Test
    void shouldPublishTheFullAlertContractDeadLetterBadInputAndKeepIdsStableOnReplay() throws Exception {
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of());
        fx.createTopics(1);
        fx.publishRules(RULE);
        String events = fx.config().inputTopics().get(0);
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;

        RecordMetadata malformed;
        try (EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            // Given: a malformed event first, then 5 errors for checkout (from the 4th, "above 3"),
            // 2 for cart (never fires), a success, and a later event that lets the next window close.
            malformed = sender.send(events, 0, t0 + 5_000, "bad-key", "{not json").get();
            for (int i = 0; i < 5; i++) {
                sender.send(events, 0, t0 + 10_000 + i * 1_000, "checkout", event(t0 + 10_000 + i * 1_000, "checkout", 503));
            }
            sender.send(events, 0, t0 + 15_000, "cart", event(t0 + 15_000, "cart", 500));
            sender.send(events, 0, t0 + 16_000, "cart", event(t0 + 16_000, "cart", 502));
            sender.send(events, 0, t0 + 20_000, "checkout", event(t0 + 20_000, "checkout", 200));
            sender.send(events, 0, t0 + 180_000, "other", event(t0 + 180_000, "other", 200)).get();
        }

        List<Map<String, Object>> alerts;
        try (AlertStreamsApp app = fx.startInstance("a"); AlertsReader reader = fx.alerts()) {
            alerts = reader.readUntil(a -> a.size() >= 2, Duration.ofMinutes(2));
            reader.drain(Duration.ofSeconds(3));
            assertDeadLettered(fx, malformed);
        }

        // Then: exactly a FIRING and its RESOLVED, every field as documented.
        assertThat(alerts).hasSize(2);
        String key = "e2e-errors|service=\"checkout\"";
        Map<String, Object> firing = alerts.get(0);
        assertThat(UUID.fromString((String) firing.get("id"))).isNotNull();
        assertThat(firing).containsEntry("alertKey", key).containsEntry("ruleId", "e2e-errors")
                .containsEntry("status", "FIRING").containsEntry("level", "warning").containsEntry("previousLevel", null)
                .containsEntry("group", Map.of("service", "checkout"))
                .containsEntry("threshold", 3.0).containsEntry("window", window(t0, t0 + 60_000))
                .containsEntry("labels", Map.of("team", "e2e", "category", "availability"))
                .containsEntry("owners", List.of("oncall-e2e")).containsEntry("recipients", List.of("e2e@example.com"));
        // Value and time are those of the decision: the 4th error if the window's turn came before it was
        // read (a watermark between events), else the window's close with all 5 (the backlog read at once).
        double value = ((Number) firing.get("value")).doubleValue();
        assertThat(value).isIn(4.0, 5.0);
        assertThat(firing).containsEntry("summary", "checkout: " + (int) value + " errors (warning, threshold 3)");
        Instant at = Instant.parse((String) firing.get("at"));
        assertThat(at).isBetween(Instant.ofEpochMilli(t0 + 13_000), Instant.ofEpochMilli(t0 + 65_000));
        assertThat(firing).containsEntry("startsAt", firing.get("at"));
        assertThat(firing.keySet()).as("fields of the contract").containsExactlyInAnyOrder("id", "alertKey", "ruleId",
                "status", "level", "previousLevel", "group", "value", "threshold", "window", "startsAt", "at", "summary",
                "labels", "owners", "recipients");

        // The window after the firing one closes (watermark past its end + 5 s grace) with no errors.
        Map<String, Object> resolved = alerts.get(1);
        assertThat(UUID.fromString((String) resolved.get("id"))).isNotEqualTo(UUID.fromString((String) firing.get("id")));
        assertThat(resolved).containsEntry("alertKey", key).containsEntry("ruleId", "e2e-errors")
                .containsEntry("status", "RESOLVED").containsEntry("level", null).containsEntry("previousLevel", "warning")
                .containsEntry("group", Map.of("service", "checkout")).containsEntry("value", 0.0)
                .containsEntry("threshold", 2.0).containsEntry("window", window(t0 + 60_000, t0 + 120_000))
                .containsEntry("startsAt", firing.get("at")).containsEntry("at", iso(t0 + 125_000))
                .containsEntry("summary", "[RESOLVED] checkout: 0 errors (was warning, threshold 2)")
                .containsEntry("labels", Map.of("team", "e2e", "category", "availability"))
                .containsEntry("owners", List.of("oncall-e2e")).containsEntry("recipients", List.of("e2e@example.com"));

        // When the same input is processed again by another application: the same transitions, the same ids.
        StreamsFixture replay = new StreamsFixture(KAFKA.bootstrapServers(), tmp,
                Map.of("alertstream.topic.events", events, "alertstream.topic.rules", fx.config().rulesTopic()));
        try (AlertStreamsApp app = replay.startInstance("replay"); AlertsReader reader = replay.alerts()) {
            List<Map<String, Object>> again = reader.readUntil(a -> a.size() >= 2, Duration.ofMinutes(2));
            reader.drain(Duration.ofSeconds(3));
            // The transitions and their ids are the data's; value, at and the summary are the decision's moment.
            assertThat(again).as("the replayed transitions, ids included").extracting(EndToEndIT::transition)
                    .isEqualTo(alerts.stream().map(EndToEndIT::transition).toList());
        }
    }

    private static List<Object> transition(Map<String, Object> alert) {
        return java.util.Arrays.asList(alert.get("id"), alert.get("alertKey"), alert.get("status"), alert.get("level"),
                alert.get("previousLevel"), alert.get("window"));
    }

    private static void assertDeadLettered(StreamsFixture fx, RecordMetadata malformed) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(fx.config().deadLetterTopic(), 0);
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
            }
        }
        assertThat(dead).as("dead-letter records").hasSize(1);
        ConsumerRecord<byte[], byte[]> r = dead.get(0);
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("bad-key");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        Map<String, String> headers = new HashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        assertThat(headers).containsEntry("alertstream.error.type", "malformed-json")
                .containsEntry("alertstream.source.topic", malformed.topic())
                .containsEntry("alertstream.source.partition", String.valueOf(malformed.partition()))
                .containsEntry("alertstream.source.offset", String.valueOf(malformed.offset()))
                .containsKey("alertstream.error.message");
        assertThat(headers.get("alertstream.error.message")).isNotBlank();
    }

    private static String event(long time, String service, int status) {
        return "{\"timestamp\":\"" + iso(time) + "\",\"service\":\"" + service + "\",\"status\":" + status + "}";
    }

    private static Map<String, Object> window(long start, long end) {
        return Map.of("start", iso(start), "end", iso(end));
    }

    private static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
