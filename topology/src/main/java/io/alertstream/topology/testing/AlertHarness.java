package io.alertstream.topology.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.AlertTopology;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.Topics;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.watermark.SourceBacklog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The alertstream topology under TopologyTestDriver, with the verbs a rule test needs: publish rules,
 * send events at event times, let wall-clock time pass, read alerts, counters and dead letters. After
 * every event it lets one watermark interval of wall-clock time pass, so the watermark follows the
 * data as it would in a running application.
 */
public final class AlertHarness implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlertTopologyConfig config;
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, String> rules;
    private final TestInputTopic<byte[], byte[]> events;
    private final TestOutputTopic<String, Alert> alerts;
    private final TestOutputTopic<String, Counter> counters;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private long wallClockMs;

    public AlertHarness() {
        this(AlertTopologyConfig.defaults(), Instant.parse("2026-01-01T00:00:00Z"));
    }

    public AlertHarness(AlertTopologyConfig config, Instant wallClockStart) {
        this(config, wallClockStart, SourceBacklog.unknown());
    }

    /**
     * @param backlog what the topology is told about unread input: {@link SourceBacklog#measured()} with no
     *                measurement makes every partition count as holding a backlog, so its watermark never
     *                moves with the wall clock (the instance is reading data from the past)
     */
    public AlertHarness(AlertTopologyConfig config, Instant wallClockStart, SourceBacklog backlog) {
        this.config = config;
        try {
            this.stateDir = Files.createTempDirectory("alertstream-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "alertstream-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(AlertTopology.build(config, backlog), props, wallClockStart);
        wallClockMs = wallClockStart.toEpochMilli();
        rules = Topics.RULES.input(driver, config.rulesTopic());
        events = Topics.EVENTS.input(driver, config.inputTopics().get(0));
        alerts = Topics.ALERTS.output(driver, config.alertsTopic());
        counters = Topics.COUNTERS.output(driver, config.countersTopic());
        deadLetters = Topics.DEAD_LETTER.output(driver, config.deadLetterTopic());
    }

    public AlertHarness publish(List<CompiledRule> compiled) {
        compiled.forEach(r -> rules.pipeInput(r.id(), r.json()));
        return this;
    }

    public AlertHarness publishRaw(String id, String json) {
        rules.pipeInput(id, json);
        return this;
    }

    public AlertHarness deleteRule(String id) {
        rules.pipeInput(id, (String) null);
        return this;
    }

    /** Sends an event at the given event time (written into the event's time field unless it has one). */
    public AlertHarness send(Instant at, Map<String, Object> event) {
        Map<String, Object> withTime = new java.util.LinkedHashMap<>(event);
        withTime.putIfAbsent(config.eventTimeField(), at.toString());
        try {
            return sendRaw(at, JSON.writeValueAsBytes(withTime));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends raw bytes as an event value with the given record timestamp. Events arrive as they happen:
     * when the record time lies ahead of the wall clock, the wall clock first moves there (in watermark
     * intervals, so idle detection and window closing run as they would live). An instance refuses
     * event times ahead of its clock ({@code alertstream.event.max.future}) and never lets its
     * watermark run ahead of it, so a test that sends the future without waiting for it would not see
     * what production sees.
     */
    public AlertHarness sendRaw(Instant recordTime, byte[] value) {
        Duration ahead = Duration.ofMillis(recordTime.toEpochMilli() - wallClockMs);
        if (!ahead.isNegative() && !ahead.isZero()) {
            advance(ahead);
        }
        events.pipeInput(new TestRecord<>(null, value, recordTime));
        advanceWallClock(config.watermarkInterval());
        return this;
    }

    /** Lets wall-clock time pass (punctuations run: watermarks, idle detection, counters, rule checks). */
    public AlertHarness advance(Duration wallClock) {
        Duration step = config.watermarkInterval();
        for (Duration left = wallClock; !left.isNegative() && !left.isZero(); left = left.minus(step)) {
            advanceWallClock(left.compareTo(step) < 0 ? left : step);
        }
        return this;
    }

    /** The wall clock of the driver. */
    public Instant wallClock() {
        return Instant.ofEpochMilli(wallClockMs);
    }

    private void advanceWallClock(Duration d) {
        driver.advanceWallClockTime(d);
        wallClockMs += d.toMillis();
    }

    public List<Alert> alerts() {
        return alerts.readValuesToList();
    }

    public List<TestRecord<String, Counter>> counters() {
        return counters.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> deadLetters() {
        return deadLetters.readRecordsToList();
    }

    public TopologyTestDriver driver() {
        return driver;
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

}
