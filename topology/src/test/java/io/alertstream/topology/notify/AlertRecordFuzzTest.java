package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.topology.AlertTopology;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.Alert;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of what the notify and digest sub-topologies read: alerts (routed by notify, bridged by
 * the digest) and the digest's own inputs (AlarmStatusChanged, SendAlarmDigest). Starting from valid
 * records, each mutation swaps types, drops fields, nulls labels, inserts huge strings, deep nesting,
 * NaN/Infinity and timestamp edges, or mangles the bytes. Given the whole topology under
 * TopologyTestDriver, then: nothing throws; each alert yields at most one notify dead letter, carrying the
 * original bytes and a reason; each alert not dead-lettered is counted once as routed (and then reaches the
 * {@code notify-by-group} repartition or the digest's status topic), never as unrouted (this routing's root
 * takes every readable alert; one without a readable {@code at} is dead-lettered); every output record stays under 1 MiB; and valid alerts after all that still produce
 * notifications and digests.
 */
class AlertRecordFuzzTest {
    private static final long SEED = 20261202L;
    private static final String APPLICATION_ID = "alert-fuzz-test";
    private static final int ALERT_MUTATIONS = 2_000;
    private static final int DIGEST_MUTATIONS = 1_000;
    private static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ROUTING = """
            receivers:
              - {name: team, email: {to: [team@example.com]}, webhooks: [{url: "https://hooks.example.com/x"}]}
              - {name: bob, email: {to: [bob@example.com]}, digest_interval: 1m}
            route:
              receiver: team
              group_wait: 0s
              group_interval: 1s
              group_by: [rule, service]
              routes:
                - {match_re: {service: "batch-.*|(a+)+$"}, receiver: bob, mode: digest}
                - {match: {team: ops}, receiver: team, group_by: ["..."]}
            """;
    private static final String[] TIMES = {"2026-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "+999999999-12-31T23:59:59Z", "", "2026-13-01T00:00:00Z", "2026-01-01T00:00:60Z", "2026-01-01T00:00:00+24:00",
        "1970-01-01T00:00:00.0000000001Z", "2026-01-01t00:00:00z", "NaN"};

    private final Random random = new Random(SEED);

    @Test
    void shouldNeverThrowAndShouldDeadLetterOrProcessEveryMutatedRecord() throws IOException {
        AlertTopologyConfig config = AlertTopologyConfig.defaults();
        try (TopologyTestDriver driver = driver(config)) {
            StringSerializer s = new StringSerializer();
            ByteArraySerializer b = new ByteArraySerializer();
            driver.createInputTopic(config.notifications().routingTopic(), s, s).pipeInput("routing", ROUTING);
            TestInputTopic<byte[], byte[]> alerts = driver.createInputTopic(config.alertsTopic(), b, b);
            TestInputTopic<byte[], byte[]> statuses = driver.createInputTopic(config.digest().statusTopic(), b, b);
            TestInputTopic<byte[], byte[]> requests = driver.createInputTopic(config.digest().requestTopic(), b, b);
            ByteArrayDeserializer d = new ByteArrayDeserializer();
            TestOutputTopic<byte[], byte[]> notifyDead = driver.createOutputTopic(config.notifications().deadLetterTopic(), d, d);
            TestOutputTopic<byte[], byte[]> digestDead = driver.createOutputTopic(config.digest().deadLetterTopic(), d, d);
            TestOutputTopic<String, String> notifications = driver.createOutputTopic(config.notifications().notificationsTopic(),
                    new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> digests = driver.createOutputTopic(config.digest().digestTopic(),
                    new StringDeserializer(), new StringDeserializer());
            // What the router forwards: immediate routes to the grouper's repartition, digest routes to the status topic.
            TestOutputTopic<byte[], byte[]> byGroup = driver.createOutputTopic(APPLICATION_ID + "-notify-by-group-repartition", d, d);
            TestOutputTopic<byte[], byte[]> toDigest = driver.createOutputTopic(config.digest().statusTopic(), d, d);
            Counter unreadable = new Counter(driver, "notify-unreadable-alert-total");
            Counter routed = new Counter(driver, "notify-routed-alert-total");
            Counter unrouted = new Counter(driver, "notify-unrouted-alert-total");

            int deadLettered = 0;
            int routedAlerts = 0;
            for (int i = 0; i < ALERT_MUTATIONS; i++) {
                byte[] value = mutatedAlert(i);
                alerts.pipeInput(new TestRecord<>(randomKey(), value, timestamp()));
                List<TestRecord<byte[], byte[]>> dead = notifyDead.readRecordsToList();
                assertThat(dead).as("mutation %d: at most one dead letter per alert", i).hasSizeLessThanOrEqualTo(1);
                for (TestRecord<byte[], byte[]> r : dead) {
                    assertThat(r.value()).as("mutation %d: the original bytes", i).isEqualTo(value);
                    assertWellFormedDeadLetter(r);
                    deadLettered++;
                }
                long wasRouted = routed.delta();
                long wasUnrouted = unrouted.delta();
                int forwarded = byGroup.readRecordsToList().size() + toDigest.readRecordsToList().size();
                assertThat(unreadable.delta()).as("mutation %d: the router counts what it dead-letters", i).isEqualTo(dead.size());
                assertThat(dead.size() + wasRouted + wasUnrouted).as("mutation %d: dead-lettered, routed or unrouted, once", i)
                        .isEqualTo(1);
                if (wasRouted == 1) {
                    assertThat(forwarded).as("mutation %d: a routed alert reaches a group or a digest", i).isPositive();
                    routedAlerts++;
                } else {
                    assertThat(forwarded).as("mutation %d: an alert not routed is forwarded nowhere", i).isZero();
                }
                // This routing's root (team, immediate) takes every alert its batch-* digest child leaves, and an
                // alert without a readable time is dead-lettered: every readable alert has a receiver.
                assertThat(wasUnrouted).as("mutation %d: a readable alert routed nowhere: %s", i, new String(value, StandardCharsets.UTF_8))
                        .isZero();
                if (i % 50 == 0) {
                    driver.advanceWallClockTime(Duration.ofSeconds(2)); // flush groups holding fuzzed alerts
                }
                drainAndCheckSizes(notifications, digests, digestDead);
            }
            for (int i = 0; i < DIGEST_MUTATIONS; i++) {
                boolean request = i % 3 == 0;
                (request ? requests : statuses).pipeInput(new TestRecord<>(randomKey(), request ? mutatedRequest() : mutatedStatus(), timestamp()));
                if (i % 50 == 0) {
                    driver.advanceWallClockTime(Duration.ofMinutes(1)); // scheduled digests of bob
                }
                drainAndCheckSizes(notifications, digests, digestDead);
            }
            assertThat(deadLettered).as("the fuzzer reaches the dead-letter path").isGreaterThan(ALERT_MUTATIONS / 10);
            assertThat(deadLettered).as("and the routing path").isLessThan(ALERT_MUTATIONS);
            assertThat(deadLettered + routedAlerts).as("every alert accounted for").isEqualTo(ALERT_MUTATIONS);

            // Then valid alerts are still notified and digested.
            driver.advanceWallClockTime(Duration.ofMinutes(5));
            drainAndCheckSizes(notifications, digests, digestDead);
            ObjectNode valid = validAlert();
            valid.put("alertKey", "final|checkout").put("ruleId", "final").put("at", "2026-01-01T12:00:00Z");
            valid.set("owners", NODES.arrayNode().add("final-user"));
            alerts.pipeInput(new TestRecord<>(null, JSON.writeValueAsBytes(valid), Instant.parse("2026-01-01T00:10:00Z")));
            driver.advanceWallClockTime(Duration.ofSeconds(2));
            assertThat(notifyDead.readRecordsToList()).isEmpty();
            assertThat(notifications.readValuesToList()).anySatisfy(n -> assertThat(n).contains("final|checkout"));
            requests.pipeInput(new TestRecord<>(null, "{\"UserID\":\"final-user\"}".getBytes(StandardCharsets.UTF_8),
                    Instant.parse("2026-01-01T00:10:01Z")));
            assertThat(digests.readValuesToList()).anySatisfy(v -> assertThat(v).contains("\"final|checkout\"").contains("final-user"));
        }
    }


    /** A total metric of the router (one task): how much it grew since the last call. */
    private static final class Counter {
        private final List<Metric> metrics;
        private double last;

        Counter(TopologyTestDriver driver, String name) {
            metrics = driver.metrics().entrySet().stream().filter(m -> m.getKey().name().equals(name)).map(java.util.Map.Entry::getValue)
                    .map(Metric.class::cast).toList();
            assertThat(metrics).as("metric %s", name).isNotEmpty();
            last = sum();
        }

        private double sum() {
            return metrics.stream().mapToDouble(m -> ((Number) m.metricValue()).doubleValue()).sum();
        }

        long delta() {
            double now = sum();
            long d = Math.round(now - last);
            last = now;
            return d;
        }
    }

    private void drainAndCheckSizes(TestOutputTopic<String, String> notifications, TestOutputTopic<String, String> digests,
                                    TestOutputTopic<byte[], byte[]> digestDead) {
        for (String n : notifications.readValuesToList()) {
            assertThat(n.getBytes(StandardCharsets.UTF_8).length).as("notification size").isLessThan(MAX_RECORD_BYTES);
        }
        for (String v : digests.readValuesToList()) {
            assertThat(v.getBytes(StandardCharsets.UTF_8).length).as("digest size").isLessThan(MAX_RECORD_BYTES);
        }
        digestDead.readRecordsToList().forEach(AlertRecordFuzzTest::assertWellFormedDeadLetter);
    }

    private static void assertWellFormedDeadLetter(TestRecord<byte[], byte[]> r) {
        assertThat(r.headers().lastHeader(DeadLetters.ERROR_TYPE)).isNotNull();
        int headerBytes = 0;
        for (var h : r.headers()) {
            headerBytes += h.value() == null ? 0 : h.value().length;
        }
        assertThat(headerBytes).as("dead-letter headers stay small").isLessThan(4_096);
    }

    private static ObjectNode validAlert() {
        return JSON.valueToTree(NotifyHarness.firing("r1", "checkout", "warning", null, "2026-01-01T00:00:00Z",
                java.util.Map.of("team", "ops")));
    }

    private byte[] mutatedAlert(int i) throws IOException {
        ObjectNode alert = validAlert();
        alert.put("alertKey", "r" + random.nextInt(20) + "|" + (random.nextBoolean() ? "batch-" : "svc-") + random.nextInt(50));
        if (random.nextInt(4) == 0) {
            alert.put("status", "RESOLVED").putNull("level").put("previousLevel", random.nextBoolean() ? "warning" : "critical");
        } else if (random.nextBoolean()) {
            alert.put("level", "critical").put("previousLevel", "warning");
        }
        ((ObjectNode) alert.get("group")).put("service", alert.get("alertKey").asText().split("\\|")[1]);
        alert.set("owners", NODES.arrayNode().add("user-" + random.nextInt(5)));
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            mutateTree(alert, List.of("id", "alertKey", "ruleId", "status", "level", "previousLevel", "group", "value",
                    "threshold", "window", "startsAt", "at", "summary", "labels", "owners", "recipients"));
        }
        return bytes(alert);
    }

    private byte[] mutatedStatus() throws IOException {
        ObjectNode o = NODES.objectNode().put("AlarmID", "alarm-" + random.nextInt(30)).put("UserID", "user-" + random.nextInt(5))
                .put("Status", List.of("CLEARED", "WARNING", "CRITICAL").get(random.nextInt(3)))
                .put("ChangedAt", TIMES[random.nextInt(3) == 0 ? random.nextInt(TIMES.length) : 0]);
        mutateTree(o, List.of("AlarmID", "UserID", "Status", "ChangedAt"));
        return bytes(o);
    }

    private byte[] mutatedRequest() throws IOException {
        ObjectNode o = NODES.objectNode().put("UserID", "user-" + random.nextInt(5));
        if (random.nextBoolean()) {
            mutateTree(o, List.of("UserID"));
        }
        return bytes(o);
    }

    /** Serialized, then sometimes mangled as bytes: truncated, a byte flipped, or garbage. */
    private byte[] bytes(JsonNode node) throws IOException {
        byte[] b = JSON.writeValueAsBytes(node);
        return switch (random.nextInt(15)) {
            case 0 -> java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
            case 1 -> {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                yield b;
            }
            case 2 -> {
                byte[] garbage = new byte[random.nextInt(64)];
                random.nextBytes(garbage);
                yield garbage;
            }
            case 3 -> ("{\"alertKey\":\"k\",\"group\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}").getBytes(StandardCharsets.UTF_8);
            case 4 -> new String(b, StandardCharsets.UTF_8) // bare non-JSON number tokens, as a lenient producer may write
                    .replace("42.0", List.of("NaN", "Infinity", "-Infinity", "1e999", "-0").get(random.nextInt(5)))
                    .getBytes(StandardCharsets.UTF_8);
            default -> b;
        };
    }

    private void mutateTree(ObjectNode o, List<String> fields) {
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(16)) {
            case 0 -> o.remove(field);
            case 1 -> o.putNull(field);
            case 2 -> o.put(field, random.nextLong());
            case 3 -> o.put(field, List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE,
                    Double.MIN_VALUE).get(random.nextInt(6)));
            case 4 -> o.put(field, "x".repeat(random.nextInt(3) == 0 ? 200_000 : 3_000));
            case 5 -> o.set(field, deep(random.nextInt(990))); // Jackson writes at most 1000 levels; deeper comes as bytes
            case 6 -> o.put(field, random.nextBoolean());
            case 7 -> o.set(field, NODES.objectNode());
            case 8 -> o.set(field, NODES.arrayNode().add(1).add("two").addNull());
            case 9 -> o.put(field, TIMES[random.nextInt(TIMES.length)]);
            case 10 -> o.put(field, "\u0000\u202E\uD800 \"quotes\" \\ <html>");
            case 11 -> {
                ObjectNode labels = NODES.objectNode();
                labels.putNull("team");
                labels.put("service", "x".repeat(random.nextInt(5_000)));
                labels.put("n", 5);
                o.set(random.nextBoolean() ? "labels" : "group", labels);
            }
            case 12 -> o.put(field, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
            case 13 -> o.set(field, NODES.arrayNode());
            case 14 -> {
                Iterator<String> names = o.fieldNames();
                List<String> all = new ArrayList<>();
                names.forEachRemaining(all::add);
                all.forEach(n -> { if (random.nextInt(3) == 0) { o.remove(n); } });
            }
            default -> o.put(field, List.of("FIRING", "RESOLVED", "warning", "critical", "CLEARED", "WARNING", "CRITICAL", "firing")
                    .get(random.nextInt(8)));
        }
    }

    private ArrayNode deep(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode at = root;
        for (int i = 0; i < depth; i++) {
            at = at.addArray();
        }
        return root;
    }

    private byte[] randomKey() {
        return switch (random.nextInt(3)) {
            case 0 -> null;
            case 1 -> new byte[0];
            default -> ("k" + random.nextInt(100)).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Record timestamps from the epoch to an hour ahead of the driver's start (the broker refuses more). */
    private Instant timestamp() {
        return switch (random.nextInt(5)) {
            case 0 -> Instant.EPOCH;
            case 1 -> Instant.parse("2026-01-01T01:00:00Z");
            default -> Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextInt(3_600_000));
        };
    }

    private static TopologyTestDriver driver(AlertTopologyConfig config) throws IOException {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Path target = Files.createDirectories(Path.of("target", "fuzz-ttd"));
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(target, "state-").toString());
        return new TopologyTestDriver(AlertTopology.build(config), props, Instant.parse("2026-01-01T00:00:00Z"));
    }
}
