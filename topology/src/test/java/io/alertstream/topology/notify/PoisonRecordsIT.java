package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison records against a real broker, where limits TopologyTestDriver does not have apply (the
 * producer's 1 MiB {@code max.request.size}, a global thread that must restore the store before the
 * application runs). One broker and one application serve both tests.
 *
 * <p>Given bad records already on the rules and routing topics, when the application starts, then it
 * reaches RUNNING with the good routing. On the alerts topic, each unroutable alert (just under 1 MiB, no
 * {@code ruleId}, a null label) is dead-lettered once with its reason while the valid alerts around it are
 * notified, and a group of 500 alerts of 2 KB each gives notifications under 1 MiB that count what they
 * leave out. On the rules topic, the bad rules never fire while a valid rule published after them does.
 * Throughout, the application stays RUNNING on the stream threads it started with.
 */
class PoisonRecordsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final int BULK_ALERTS = 500;
    /** Refused on the rules topic: too many windows per event, an out-of-range duration, malformed JSON, 1 MB of garbage. */
    private static final Set<String> BAD_RULES = Set.of("r1", "r2", "r3", "r4");
    private static final String GOOD_RULE = """
            rules:
              - id: poison-good
                filter: event.kind == "poison-it"
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 2}
            """;

    private static EmbeddedKafka kafka;
    private static AlertTopologyConfig config;
    private static AlertStreamsApp app;
    private static Set<String> threadsAtStart;

    @BeforeAll
    static void startBrokerAndApplicationOverPoison() throws Exception {
        kafka = EmbeddedKafka.start();
        Properties props = AppConfig.defaults();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("application.id", "poison-it");
        props.put("state.dir", Files.createTempDirectory(Files.createDirectories(Path.of("target", "poison-it")), "state-").toString());
        props.put("commit.interval.ms", "100");
        // A quiet input stops holding the watermark back after 1 s instead of 30 s.
        props.put("alertstream.idle.timeout", "1s");
        config = AlertTopologyConfig.from(props);
        TopicProvisioner.provision(props, config, 1, (short) 1);
        String rules = config.rulesTopic();
        String routing = config.notifications().routingTopic();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // r1 has no filter and would fire on any two events if it were taken.
            send(producer, rules, "r1", "{\"id\":\"r1\",\"window\":{\"size\":\"4294967346ms\",\"advance\":\"1ms\"},"
                    + "\"aggregate\":\"count\",\"triggers\":{\"warning\":{\"above\":1}}}");
            send(producer, rules, "r2", "{\"id\":\"r2\",\"window\":{\"size\":\"99999999999999999999s\"}}");
            send(producer, rules, "r3", "{\"id\":");
            send(producer, rules, "r4", "x".repeat(1_000_000));
            send(producer, routing, "routing", "route: {receiver: team, repeat_interval: 200000000000d}");
            // Alerts of rule 'bulk' wait 5 s so that all 500 land in one group; the others are told at once.
            send(producer, routing, "routing", """
                    receivers:
                      - {name: team, email: {to: [team@example.com]}}
                    route:
                      receiver: team
                      group_wait: 0s
                      routes:
                        - {match: {rule: bulk}, group_wait: 5s, group_by: [rule]}
                    """);
            send(producer, routing, "routing", "receivers: [{name: ");
        }
        app = AlertStreamsApp.start(props, 1, (short) 1, Duration.ofSeconds(60));
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        threadsAtStart = threadNames();
        assertThat(threadsAtStart).isNotEmpty();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    @Test
    void shouldDeadLetterEachUnroutableAlertOnceAndKeepNotificationsUnderOneMebibyte() throws Exception {
        String alerts = config.alertsTopic();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            byte[] huge = ("{\"alertKey\":\"" + "x".repeat(1_040_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(alerts, null, huge)).get();
            send(producer, alerts, "no-rule|checkout", alert("no-rule|checkout", null, "{\"service\":\"checkout\"}", "{}", "no rule"));
            send(producer, alerts, "ext-1|checkout", alert("ext-1|checkout", "ext-1", "{\"service\":\"checkout\"}", "{}", "checkout is failing"));
            send(producer, alerts, "ext-null|cart", alert("ext-null|cart", "ext-null", "{\"service\":\"cart\"}",
                    "{\"team\":null}", "a null label"));
            send(producer, alerts, "ext-2|cart", alert("ext-2|cart", "ext-2", "{\"service\":\"cart\"}", "{\"team\":\"ops\"}", "cart is failing"));
            String longSummary = "s".repeat(2_000);
            List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < BULK_ALERTS; i++) {
                String key = "bulk|svc-" + i;
                sends.add(producer.send(new ProducerRecord<>(alerts, utf8(key),
                        utf8(alert(key, "bulk", "{\"service\":\"svc-" + i + "\"}", "{\"team\":\"ops\"}", longSummary)))));
            }
            for (var f : sends) {
                f.get();
            }
            // A null group value is not a null label: it is routed (as the text "null"), not dead-lettered.
            send(producer, alerts, "ext-3|null", alert("ext-3|null", "ext-3", "{\"service\":null}", "{}", "no service"));
            send(producer, alerts, "ext-4|last", alert("ext-4|last", "ext-4", "{\"service\":\"last\"}", "{}", "the last one"));
        }

        String notificationsTopic = config.notifications().notificationsTopic();
        Set<String> validKeys = Set.of("ext-1|checkout", "ext-2|cart", "ext-3|null", "ext-4|last");
        List<ConsumerRecord<byte[], byte[]>> notifications = await(notificationsTopic, l -> {
            Set<String> keys = notifiedAlertKeys(l);
            return keys.containsAll(validKeys) && keys.stream().anyMatch(k -> k.startsWith("bulk|"));
        });
        Set<String> notifiedKeys = notifiedAlertKeys(notifications);
        assertThat(notifiedKeys).as("the valid alerts around the bad ones are notified").containsAll(validKeys)
                .doesNotContain("no-rule|checkout", "ext-null|cart");
        for (ConsumerRecord<byte[], byte[]> r : notifications) {
            assertThat(r.value().length).as("notification at offset %d", r.offset()).isLessThan(MAX_RECORD_BYTES);
        }
        List<JsonNode> bulk = notifications.stream().map(PoisonRecordsIT::json)
                .filter(n -> alertKeys(n).stream().anyMatch(k -> k.startsWith("bulk|"))).toList();
        assertThat(bulk).as("one group of the 500 alerts, told once within its group_interval").hasSize(1);
        JsonNode group = bulk.get(0);
        int listed = group.get("alerts").size();
        assertThat(alertKeys(group)).allMatch(k -> k.startsWith("bulk|"));
        assertThat(listed).as("listed alerts (max.alerts.per.notification)").isEqualTo(100);
        assertThat(group.path("omittedAlerts").asInt(0)).as("omittedAlerts: the group holds more than it lists")
                .isPositive().isLessThanOrEqualTo(BULK_ALERTS - listed);

        // The notifications of alerts sent after the bad ones are committed, so are the dead letters before them.
        List<ConsumerRecord<byte[], byte[]>> dead = await(config.notifications().deadLetterTopic(), l -> true).stream()
                .filter(r -> alerts.equals(header(r, DeadLetters.SOURCE_TOPIC))).toList();
        assertThat(dead).extracting(r -> header(r, DeadLetters.ERROR_TYPE))
                .as("one dead letter per bad alert, with its reason")
                .containsExactlyInAnyOrder("alert-too-large", "missing-rule-id", "null-label");
        assertThat(dead).filteredOn(r -> "alert-too-large".equals(header(r, DeadLetters.ERROR_TYPE))).singleElement().satisfies(r -> {
            // Too large to dead-letter whole: the value is left out, the source headers point at it.
            assertThat(r.value()).isNull();
            assertThat(header(r, DeadLetters.DROPPED)).startsWith("value (");
        });
        assertThat(dead).filteredOn(r -> "missing-rule-id".equals(header(r, DeadLetters.ERROR_TYPE))).singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("no-rule|checkout"));
        assertThat(dead).filteredOn(r -> "null-label".equals(header(r, DeadLetters.ERROR_TYPE))).singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("ext-null|cart"));

        assertStillRunningOnTheSameThreads();
    }

    @Test
    void shouldFireAValidRulePublishedAfterTheBadOnesAndNeverTheBadOnes() throws Exception {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("good.yaml", GOOD_RULE));
        assertThat(set.rules()).hasSize(1);
        CompiledRule good = set.rules().get(0);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            // As the RulePublisher writes it: key the rule id, value the compiled rule's JSON.
            send(producer, config.rulesTopic(), good.id(), good.json());
            awaitRuleInStore(good.id());
            String events = config.inputTopics().get(0);
            for (int i = 0; i < 3; i++) {
                send(producer, events, "checkout", "{\"timestamp\":\"" + Instant.now() + "\",\"kind\":\"poison-it\","
                        + "\"service\":\"checkout\",\"status\":503}");
            }
        }
        List<ConsumerRecord<byte[], byte[]>> alerts = await(config.alertsTopic(),
                l -> l.stream().map(PoisonRecordsIT::json).anyMatch(a -> "poison-good".equals(a.path("ruleId").asText())));
        List<JsonNode> fired = alerts.stream().map(PoisonRecordsIT::json).toList();
        assertThat(fired).filteredOn(a -> "poison-good".equals(a.path("ruleId").asText())).first().satisfies(a -> {
            assertThat(a.path("status").asText()).isEqualTo("FIRING");
            assertThat(a.path("level").asText()).isEqualTo("warning");
            assertThat(a.path("alertKey").asText()).contains("checkout");
        });
        // r1 takes every event and fires above 1: had it been taken, its alert would be here by now.
        assertThat(fired).extracting(a -> a.path("ruleId").asText()).as("the refused rules never fire")
                .doesNotContainAnyElementsOf(BAD_RULES);
        ReadOnlyKeyValueStore<String, String> store = rulesStore();
        for (String bad : BAD_RULES) {
            assertThat(store.get(bad)).as("refused rule %s is not in the rules store", bad).isNull();
        }
        assertStillRunningOnTheSameThreads();
    }

    private static void assertStillRunningOnTheSameThreads() {
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(threadNames()).as("no stream thread died and was replaced").isEqualTo(threadsAtStart);
    }

    private static Set<String> threadNames() {
        return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static ReadOnlyKeyValueStore<String, String> rulesStore() {
        return app.streams().store(StoreQueryParameters.fromNameAndType(StoreNames.RULES, QueryableStoreTypes.<String, String>keyValueStore()));
    }

    /** Waits until the global thread has taken the rule, so that events sent next are judged by it. */
    private static void awaitRuleInStore(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (rulesStore().get(id) != null) {
                    return;
                }
            } catch (InvalidStateStoreException e) {
                // not queryable yet: try again until the deadline
            }
            Thread.sleep(100);
        }
        throw new AssertionError("rule " + id + " not in the rules store within " + TIMEOUT);
    }

    private static String alert(String key, String ruleId, String group, String labels, String summary) {
        return "{\"id\":\"" + key + "-id\",\"alertKey\":\"" + key + "\"" + (ruleId == null ? "" : ",\"ruleId\":\"" + ruleId + "\"")
                + ",\"status\":\"FIRING\",\"level\":\"warning\",\"group\":" + group + ",\"at\":\"2026-01-01T00:00:00Z\""
                + ",\"summary\":\"" + summary + "\",\"labels\":" + labels + "}";
    }

    private static Set<String> notifiedAlertKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        Set<String> keys = new TreeSet<>();
        records.forEach(r -> keys.addAll(alertKeys(json(r))));
        return keys;
    }

    private static List<String> alertKeys(JsonNode notification) {
        List<String> keys = new ArrayList<>();
        notification.path("alerts").forEach(a -> keys.add(a.path("alertKey").asText()));
        return keys;
    }

    private static JsonNode json(ConsumerRecord<byte[], byte[]> r) {
        try {
            return r.value() == null ? JSON.nullNode() : JSON.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "max.block.ms", 10_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, utf8(key), utf8(value))).get();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The committed records of a topic from its start: polled until {@code done} holds (or {@link #TIMEOUT}
     * passes), then on to the topic's committed end, so that a count taken from the result is complete.
     */
    private static List<ConsumerRecord<byte[], byte[]>> await(String topic, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "isolation.level", "read_committed", "max.partition.fetch.bytes", 2 * MAX_RECORD_BYTES),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!done.test(out) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
