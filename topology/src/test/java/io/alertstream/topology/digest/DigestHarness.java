package io.alertstream.topology.digest;

import io.alertstream.topology.model.JsonSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The digest sub-topology alone under TopologyTestDriver ({@code exactly_once_v2}, a temporary state
 * directory), with the verbs the digest tests need: send status changes, requests and alerts (with any
 * key, or raw bytes), let wall-clock time pass, read digests, dead letters and what the bridge wrote.
 */
final class DigestHarness implements AutoCloseable {
    static final String APPLICATION_ID = "digest-test";
    static final Instant WALL_CLOCK_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Path stateDir;
    private final Topology topology;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> statusChanges;
    private final TestInputTopic<byte[], byte[]> requests;
    private final TestInputTopic<byte[], byte[]> alerts;
    private final TestOutputTopic<String, String> digestsJson;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<String, String> statusTopicOutput;
    private final JsonSerde<AlarmDigest> digestSerde = new JsonSerde<>(AlarmDigest.class);
    private final DigestConfig config;

    DigestHarness() {
        this(DigestConfig.defaults());
    }

    DigestHarness(DigestConfig config) {
        this(config, DigestTopology::addTo);
    }

    /** A harness over whatever {@code build} adds to the builder (e.g. the scheduled-requests hook). */
    DigestHarness(DigestConfig config, BiConsumer<StreamsBuilder, DigestConfig> build) {
        this.config = config;
        try {
            // Under target/, not the shared /tmp: each harness owns its state directory.
            Path target = Files.createDirectories(Path.of("target", "digest-ttd"));
            this.stateDir = Files.createTempDirectory(target, "state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamsBuilder builder = new StreamsBuilder();
        build.accept(builder, config);
        topology = builder.build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(topology, props, WALL_CLOCK_START);
        ByteArraySerializer raw = new ByteArraySerializer();
        statusChanges = driver.createInputTopic(config.statusTopic(), raw, raw);
        requests = driver.createInputTopic(config.requestTopic(), raw, raw);
        alerts = config.bridgeEnabled() ? driver.createInputTopic(config.alertsTopic(), raw, raw) : null;
        digestsJson = driver.createOutputTopic(config.digestTopic(), new StringDeserializer(), new StringDeserializer());
        deadLetters = driver.createOutputTopic(config.deadLetterTopic(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        statusTopicOutput = driver.createOutputTopic(config.statusTopic(), new StringDeserializer(), new StringDeserializer());
    }

    static String statusJson(String userId, String alarmId, String status, String changedAt) {
        return "{\"AlarmID\":\"" + alarmId + "\",\"UserID\":\"" + userId + "\",\"Status\":\"" + status
                + "\",\"ChangedAt\":\"" + changedAt + "\"}";
    }

    /** An AlarmStatusChanged keyed by its UserID. */
    DigestHarness change(String userId, String alarmId, String status, String changedAt) {
        return change(userId, userId, alarmId, status, changedAt);
    }

    /** An AlarmStatusChanged with any record key (null for none). */
    DigestHarness change(String key, String userId, String alarmId, String status, String changedAt) {
        return rawChange(key, statusJson(userId, alarmId, status, changedAt));
    }

    DigestHarness rawChange(String key, String value) {
        statusChanges.pipeInput(new TestRecord<>(utf8(key), utf8(value)));
        return this;
    }

    /** A SendAlarmDigest keyed by its UserID. */
    DigestHarness request(String userId) {
        return request(userId, userId);
    }

    DigestHarness request(String key, String userId) {
        return rawRequest(key, "{\"UserID\":\"" + userId + "\"}");
    }

    DigestHarness rawRequest(String key, String value) {
        requests.pipeInput(new TestRecord<>(utf8(key), utf8(value)));
        return this;
    }

    DigestHarness alert(String json) {
        alerts.pipeInput(new TestRecord<>(null, utf8(json)));
        return this;
    }

    /** Sends a request and returns the one digest it produced (failing if there is not exactly one). */
    AlarmDigest digestFor(String userId) {
        request(userId);
        List<AlarmDigest> out = digests();
        if (out.size() != 1) {
            throw new AssertionError("expected exactly one digest for " + userId + ", got " + out);
        }
        return out.get(0);
    }

    /** Digests written since the last read, parsed from the output topic's JSON. */
    List<AlarmDigest> digests() {
        return digestRecords().stream().map(r -> digestSerde.deserializer().deserialize(config.digestTopic(),
                utf8(r.value()))).toList();
    }

    /** Digest records as written: UserID key, JSON value. */
    List<TestRecord<String, String>> digestRecords() {
        return digestsJson.readRecordsToList();
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** Everything written to (and read back from) the status-changed topic, e.g. by the alerts bridge. */
    List<TestRecord<String, String>> statusTopic() {
        return statusTopicOutput.readRecordsToList();
    }

    DigestHarness advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
        return this;
    }

    /** Entries in a key-value store, counted (RocksDB's own count is an estimate). */
    long storeSize(String store) {
        try (KeyValueIterator<Object, Object> all = driver.getKeyValueStore(store).all()) {
            long n = 0;
            for (; all.hasNext(); all.next()) {
                n++;
            }
            return n;
        }
    }

    TopologyTestDriver driver() {
        return driver;
    }

    Topology topology() {
        return topology;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try (Stream<Path> files = Files.walk(stateDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }

    static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    static String utf8(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
