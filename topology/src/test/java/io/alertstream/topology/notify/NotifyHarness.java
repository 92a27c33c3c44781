package io.alertstream.topology.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.AlertTopology;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole topology under TopologyTestDriver, driven from the alerts topic: publish a routing file,
 * send alert transitions, let wall-clock time pass, read the notifications as JSON.
 */
final class NotifyHarness implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> routing;
    private final TestInputTopic<String, String> alerts;
    private final TestInputTopic<String, String> digestRequests;
    private final TestOutputTopic<String, String> notifications;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestInputTopic<byte[], byte[]> rawAlerts;
    private final TestInputTopic<String, String> rules;
    private final TestOutputTopic<String, String> statusChanges;
    private final TestInputTopic<String, String> acks;
    private final TestInputTopic<String, String> silences;
    private final TestOutputTopic<String, String> silencesOut;
    private final JsonSerde<Alert> alertSerde = new JsonSerde<>(Alert.class);

    NotifyHarness() {
        this(AlertTopologyConfig.defaults(), new Properties());
    }

    NotifyHarness(Properties overrides) {
        this(AlertTopologyConfig.from(overrides), overrides);
    }

    private NotifyHarness(AlertTopologyConfig config, Properties given) {
        this(config, given, START);
    }

    /** Wall-clock time the driver has been advanced by since it started at {@code startedAt}. */
    private final Instant startedAt;
    private Duration advanced = Duration.ZERO;

    /**
     * A new topology instance standing in for this one after a restart: its logged stores hold what this
     * one's changelogs hold (copied, as restoration would bring them back), the routing is published again
     * (the global store is rebuilt from its topic), and its wall clock goes on from this one's. Closes this one.
     */
    NotifyHarness restarted(String routingYaml, String... loggedStores) {
        NotifyHarness next = new NotifyHarness(AlertTopologyConfig.defaults(), new Properties(), startedAt.plus(advanced));
        next.routing(routingYaml);
        for (String name : loggedStores) {
            var from = driver.<Object, Object>getKeyValueStore(name);
            var to = next.driver.<Object, Object>getKeyValueStore(name);
            try (var it = from.all()) {
                it.forEachRemaining(kv -> to.put(kv.key, kv.value));
            }
        }
        close();
        return next;
    }

    private NotifyHarness(AlertTopologyConfig config, Properties given, Instant start) {
        this.startedAt = start;
        Properties props = new Properties();
        props.putAll(given);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "notify-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try {
            Path target = Files.createDirectories(Path.of("target", "notify-ttd"));
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(target, "state-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        driver = new TopologyTestDriver(AlertTopology.build(config), props, start);
        StringSerializer s = new StringSerializer();
        routing = driver.createInputTopic(config.notifications().routingTopic(), s, s);
        alerts = driver.createInputTopic(config.alertsTopic(), s, s);
        digestRequests = driver.createInputTopic(config.digest().requestTopic(), s, s);
        notifications = driver.createOutputTopic(config.notifications().notificationsTopic(), new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(config.notifications().deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        rawAlerts = driver.createInputTopic(config.alertsTopic(), new ByteArraySerializer(), new ByteArraySerializer());
        rules = driver.createInputTopic(config.rulesTopic(), s, s);
        statusChanges = driver.createOutputTopic(config.digest().statusTopic(), new StringDeserializer(), new StringDeserializer());
        silences = driver.createInputTopic(config.notifications().silencesTopic(), s, s);
        silencesOut = driver.createOutputTopic(config.notifications().silencesTopic(), new StringDeserializer(), new StringDeserializer());
        acks = driver.createInputTopic(config.notifications().acksTopic(), s, s);
    }

    /** Acknowledges the firing episode of an alert that started at {@code startsAt}, as the API's ack endpoint does. */
    NotifyHarness ack(String alertKey, String startsAt, String user) {
        acks.pipeInput(alertKey, "{\"alertKey\":\"" + alertKey + "\",\"startsAt\":\"" + startsAt + "\",\"user\":\"" + user
                + "\",\"at\":\"2026-01-01T00:00:00Z\",\"id\":\"" + UUID.randomUUID() + "\"}");
        return this;
    }

    /** A store of the topology, for checking what state is kept. */
    org.apache.kafka.streams.state.KeyValueStore<Object, Object> store(String name) {
        return driver.getKeyValueStore(name);
    }

    /** Publishes rule files' rules on the rules topic, as {@code rules apply} does. */
    NotifyHarness rules(String yaml) {
        io.alertstream.topology.rules.RuleSetLoader.RuleSet set =
                io.alertstream.topology.rules.RuleSetLoader.loadSources(Map.of("rules.yaml", yaml));
        if (!set.ok()) {
            throw new AssertionError(set.problems());
        }
        set.rules().forEach(r -> rules.pipeInput(r.id(), io.alertstream.topology.rules.RuleJson.write(r.spec())));
        return this;
    }

    /** AlarmStatusChanged messages written for the digests since the last call, as JSON. */
    List<JsonNode> statusChanges() {
        List<JsonNode> out = new ArrayList<>();
        for (var r : statusChanges.readRecordsToList()) {
            try {
                out.add(JSON.readTree(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    NotifyHarness routing(String yaml) {
        routing.pipeInput("routing", yaml);
        return this;
    }

    /** Publishes a silence (its JSON) on the silences topic, as the API and {@code rules apply} do. */
    NotifyHarness silence(String id, String json) {
        silences.pipeInput(id, json);
        return this;
    }

    /** What the engine wrote to the silences topic since the last call, as key and value (null for a tombstone). */
    List<org.apache.kafka.streams.KeyValue<String, String>> silencesWritten() {
        return silencesOut.readKeyValuesToList();
    }

    NotifyHarness removeRouting() {
        routing.pipeInput("routing", (String) null);
        return this;
    }

    NotifyHarness send(Alert alert) {
        alerts.pipeInput(alert.alertKey(), new String(alertSerde.serializer().serialize("alerts", alert), java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** Any bytes on the alerts topic, at the driver's current wall-clock time. */
    NotifyHarness sendRaw(byte[] key, byte[] value) {
        rawAlerts.pipeInput(key, value);
        return this;
    }

    /** Dead letters written to the notify dead-letter topic since the last call, with their headers. */
    List<org.apache.kafka.streams.test.TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    NotifyHarness requestDigest(String userId) {
        digestRequests.pipeInput(userId, "{\"UserID\":\"" + userId + "\"}");
        return this;
    }

    /** The sum of a metric over the topology's tasks and processors, e.g. {@code notify-dropped-total}. */
    double metric(String name) {
        return driver.metrics().entrySet().stream().filter(m -> m.getKey().name().equals(name))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum();
    }

    NotifyHarness advance(Duration d) {
        driver.advanceWallClockTime(d);
        advanced = advanced.plus(d);
        return this;
    }

    /** Notifications emitted since the last call, as JSON. */
    List<JsonNode> notifications() {
        List<JsonNode> out = new ArrayList<>();
        for (var r : notifications.readRecordsToList()) {
            try {
                JsonNode n = JSON.readTree(r.value());
                if (!r.key().equals(n.get("id").asText())) {
                    throw new AssertionError("notification keyed " + r.key() + " has id " + n.get("id"));
                }
                out.add(n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static Alert firing(String rule, String service, String level, String previousLevel, String at, Map<String, String> labels) {
        return alert(rule, service, Alert.FIRING, level, previousLevel, at, labels);
    }

    static Alert resolved(String rule, String service, String previousLevel, String at, Map<String, String> labels) {
        return alert(rule, service, Alert.RESOLVED, null, previousLevel, at, labels);
    }

    private static Alert alert(String rule, String service, String status, String level, String previousLevel, String at,
                               Map<String, String> labels) {
        return withPeople(rule, service, status, level, previousLevel, at, labels, List.of(), null);
    }

    /** An alert whose rule names owners and, for this alert's level, recipients (as the topology copies them on). */
    static Alert withPeople(String rule, String service, String status, String level, String previousLevel, String at,
                            Map<String, String> labels, List<String> owners, List<String> recipients) {
        String key = rule + "|" + service;
        String id = UUID.nameUUIDFromBytes((key + status + level + at).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new Alert(id, key, rule, status, level, previousLevel, Map.of("service", service), 42.0, 10.0,
                new Alert.AlertWindow(at, at), at, at, service + " is failing", labels, owners, recipients);
    }

    @Override
    public void close() {
        driver.close();
    }
}
