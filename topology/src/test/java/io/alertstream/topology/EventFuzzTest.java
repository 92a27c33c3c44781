package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.rules.CompiledRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of valid events (types swapped, numbers at the edges of a double and a long, times
 * at the edges of what Kafka accepts, huge strings, deep nesting, broken JSON) through the whole
 * topology under TopologyTestDriver, without the Streams exception handlers: any exception a record
 * raises fails the test. Then: every record was either processed or dead-lettered (the parser's
 * {@code parsed-total} and {@code dead-lettered-total} add up to the input), every dead letter names a known reason and stays small,
 * every record on the alerts and counters topics is one the broker accepts (under 1 MiB of key, value and headers; a
 * timestamp from the epoch to an hour ahead of the wall clock), and valid events sent after the mutations still raise
 * exactly the expected alerts.
 *
 * <p>{@code -Dalertstream.property.seeds=N} runs N seeds (default 3, of {@link #MUTATIONS} records each).
 */
class EventFuzzTest {
    private static final int SEEDS = Integer.getInteger("alertstream.property.seeds", 3);
    static final int MUTATIONS = 1000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final Duration MAX_TIMESTAMP_AHEAD = Duration.ofHours(1);
    private static final String RULES = """
            rules:
              - id: errors
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 3}
                  critical: {above: 6}
              - id: slow
                group_by: [route]
                window: {size: 1m, advance: 30s}
                aggregate: {function: p95, field: latency_ms}
                triggers:
                  warning: {above: 500}
              - id: heavy
                group_by: [service, route]
                window: {size: 1m}
                aggregate: {function: max, field: bytes}
                triggers:
                  warning: {above: 1000000}
              - id: users
                group_by: [service]
                window: {size: 1m, grace: 5s}
                aggregate: {function: distinct_count, field: user}
                triggers:
                  warning: {above: 4}
              - id: spend
                filter: has(event.bytes) && event.bytes > 0
                window: {size: 1m}
                aggregate: {function: sum, field: bytes}
                triggers:
                  warning: {above: 1e300}
            """;

    @TempDir
    Path tmp;

    static IntStream seeds() {
        return IntStream.range(1, SEEDS + 1);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldNeverThrowAndShouldDeadLetterOrProcessEveryMutatedEventAndStillAlertOnValidOnes(int seed) throws Exception {
        AlertTopologyConfig config = AlertTopologyConfig.defaults();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fuzz");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(tmp.resolve("s" + seed)).toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        Random random = new Random(seed);
        EventMutator mutator = new EventMutator(random);
        try (TopologyTestDriver driver = new TopologyTestDriver(AlertTopology.build(config), props, T0)) {
            TestInputTopic<String, String> rules = driver.createInputTopic(config.rulesTopic(), new StringSerializer(), new StringSerializer());
            for (CompiledRule r : Rules.of(RULES)) {
                rules.pipeInput(r.id(), r.json());
            }
            TestInputTopic<byte[], byte[]> events = driver.createInputTopic(config.inputTopics().get(0), new ByteArraySerializer(),
                    new ByteArraySerializer());
            TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> alertRecords = driver.createOutputTopic(config.alertsTopic(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            TestOutputTopic<byte[], byte[]> counterRecords = driver.createOutputTopic(config.countersTopic(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            Deserializer<Alert> alertJson = new JsonSerde<>(Alert.class).deserializer();
            Deserializer<Counter> counterJson = new JsonSerde<>(Counter.class).deserializer();

            Instant clock = T0;
            List<String> kinds = new ArrayList<>();
            for (int i = 0; i < MUTATIONS; i++) {
                EventMutator.Mutant m = mutator.next(clock);
                kinds.add(m.description());
                events.pipeInput(new TestRecord<>(m.key(), m.value(), clock));
                clock = clock.plusMillis(250);
                driver.advanceWallClockTime(Duration.ofMillis(250)); // punctuations: watermarks, counters, rule checks
            }
            List<TestRecord<byte[], byte[]>> deadLetters = dead.readRecordsToList();
            long parseRejected = deadLetters.stream().filter(r -> header(r, DeadLetters.RULE) == null).count();
            assertThat(deadLetters.stream().filter(r -> header(r, DeadLetters.RULE) == null).map(r -> header(r, DeadLetters.SOURCE_OFFSET))
                    .distinct().count()).as("one parse dead letter per rejected record").isEqualTo(parseRejected);
            double parsed = metricSum(driver, "parsed-total");
            assertThat(metricSum(driver, "dead-lettered-total")).as("the parser counts what it dead-letters").isEqualTo(parseRejected);
            assertThat(parsed + parseRejected).as("every record is processed or dead-lettered (seed %d)", seed).isEqualTo(MUTATIONS);
            assertThat(parseRejected).as("the mutations reach the dead-letter topic").isPositive();
            assertThat(parsed).as("and some survive, to be processed").isPositive();
            assertThat(metricSum(driver, "dropped-records-total")).as("Kafka Streams skipped nothing on its own").isZero();
            for (TestRecord<byte[], byte[]> r : deadLetters) {
                assertThat(header(r, DeadLetters.ERROR_TYPE)).isIn(DeadLetterReasons.ALL);
                assertThat(r.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value().length).isLessThanOrEqualTo(DeadLetters.MAX_MESSAGE_BYTES);
                assertThat(size(r)).as("a dead letter the producer accepts").isLessThanOrEqualTo(config.limits().maxDeadLetterBytes());
                assertThat(r.timestamp()).as("a timestamp Kafka accepts").isNotNegative();
            }
            // A sum of finite values can still overflow; the record then says "no value" (null), never Infinity.
            readAccepted(counterRecords, counterJson, clock, seed).forEach(c -> assertThat(c.value() == null
                    || Double.isFinite(c.value())).as("counter %s", c).isTrue());
            readAccepted(alertRecords, alertJson, clock, seed);

            // Everything the mutations opened closes; then valid events still alert as they should.
            driver.advanceWallClockTime(Duration.ofMinutes(3));
            clock = clock.plus(Duration.ofMinutes(3));
            readAccepted(alertRecords, alertJson, clock, seed);
            readAccepted(counterRecords, counterJson, clock, seed);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("timestamp", clock.toString());
                e.put("service", "final-check");
                e.put("status", 503);
                e.put("user", "final-user-" + i);
                e.put("route", "/final");
                e.put("latency_ms", 10);
                e.put("bytes", i == 6 ? 2_000_000 : 10);
                events.pipeInput(new TestRecord<>(null, EventMutator.json(e), clock));
                clock = clock.plusMillis(250);
                driver.advanceWallClockTime(Duration.ofMillis(250));
            }
            expected.add("errors FIRING warning");
            expected.add("users FIRING warning");
            expected.add("heavy FIRING warning");
            expected.add("errors FIRING critical");
            assertThat(readAccepted(alertRecords, alertJson, clock, seed).stream().filter(a -> a.alertKey().contains("final"))
                    .map(a -> a.ruleId() + " " + a.status() + " " + a.level()).toList())
                    .as("valid events after %d mutations (%s...)", MUTATIONS, kinds.subList(0, 5))
                    .containsExactlyInAnyOrderElementsOf(expected);
            readAccepted(counterRecords, counterJson, clock, seed);
        }
    }

    /**
     * The topic's records since the last call, each checked to be one the broker accepts (at most 1 MiB of key,
     * value and headers; a timestamp from the epoch to an hour after {@code now}, the driver's wall clock), then
     * deserialized.
     */
    private static <T> List<T> readAccepted(TestOutputTopic<byte[], byte[]> topic, Deserializer<T> json, Instant now, int seed) {
        List<T> out = new ArrayList<>();
        for (TestRecord<byte[], byte[]> r : topic.readRecordsToList()) {
            assertThat(size(r)).as("seed %d: a record under 1 MiB (key %s)", seed, key(r)).isLessThan(MAX_RECORD_BYTES);
            assertThat(r.timestamp()).as("seed %d: a timestamp Kafka accepts (key %s)", seed, key(r))
                    .isBetween(0L, now.plus(MAX_TIMESTAMP_AHEAD).toEpochMilli());
            out.add(json.deserialize("", r.value()));
        }
        return out;
    }

    private static String key(TestRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), 0, Math.min(r.key().length, 200), StandardCharsets.UTF_8);
    }

    private static double metricSum(TopologyTestDriver driver, String name) {
        return driver.metrics().entrySet().stream().filter(m -> m.getKey().name().equals(name))
                .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).filter(d -> !Double.isNaN(d)).sum();
    }

    private static long size(TestRecord<byte[], byte[]> r) {
        long n = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
        for (Header h : r.headers()) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return n;
    }

    static String header(TestRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
