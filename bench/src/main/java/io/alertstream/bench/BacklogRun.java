package io.alertstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.ProcessMemory;
import io.alertstream.testkit.backlog.BacklogWorkload;
import io.alertstream.testkit.backlog.ExpectedTransitions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backlog catch-up: an hour of {@link BacklogWorkload} events (at least 1,000 groups with runs of
 * consecutive breaching windows, gaps and counts at the thresholds; null keys over 4 partitions, so
 * partitions are read at different speeds and event time drifts between them) is pre-loaded before
 * the instance starts. Catch-up speed is timed like {@link ThroughputRun} (until input and fan-out
 * are committed); then the alerts topic is read ({@code read_committed}) until every expected
 * transition (alert key, status, level, window start) is found or a deadline passes, and a little
 * longer to catch extras; found, expected, unexpected and duplicated transitions are reported. The
 * idle timeout is 5 s (not the default 30 s) so the last windows close soon after the data ends.
 *
 * <p>The instance is {@code alertstream run} in a child JVM ({@link AppProcess}), not one in this
 * JVM: a catch-up is when an instance's memory peaks, and only a process of its own shows that peak
 * (VmHWM) without the broker's. Timing is unchanged: from RUNNING until the consumer group has
 * committed the input and drained the fan-out topic, which the broker tells wherever the instance
 * runs. The child's JIT starts cold, as after a real restart.
 */
final class BacklogRun {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int GROUPS = 1_000;
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final Duration EXTRA = Duration.ofSeconds(5);

    /**
     * One repetition: catch-up speed, how the transitions read compare with the expected ones, and the
     * child JVM's RSS at the end and its peak (VmHWM) over the repetition (NaN where not measured).
     */
    record Sample(double eventsPerSec, int expected, int found, int unexpected, int duplicated, double rssMiB, double peakRssMiB) {
        double foundShare() {
            return (double) found / expected;
        }
    }

    private final Deployment deployment;
    private final BacklogWorkload workload;
    private final Set<ExpectedTransitions.Transition> expected;

    private BacklogRun(Deployment deployment, BacklogWorkload workload) {
        this.deployment = deployment;
        this.workload = workload;
        this.expected = workload.expected().transitions();
    }

    static BacklogRun prepare(String bootstrap, Path workDir, String name, long events) throws Exception {
        Deployment d = new Deployment(bootstrap, workDir, name, Map.of("alertstream.idle.timeout", "5s"));
        d.createTopics(4);
        d.publishRules(BacklogWorkload.RULE);
        BacklogWorkload w = BacklogWorkload.generate(7L, Instant.now().minus(Duration.ofHours(2)), 60, GROUPS, (int) Math.min(events, Integer.MAX_VALUE));
        Clients.preload(bootstrap, d.eventsTopic(), w.events.size(), i -> w.events.get((int) i).json().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(bootstrap)) {
            w.sendTrailer(producer, d.eventsTopic());
        }
        return new BacklogRun(d, w);
    }

    /** The same pre-loaded backlog, run with more config overrides (e.g. more stream threads). */
    BacklogRun variant(String suffix, Map<String, String> overrides) throws Exception {
        return new BacklogRun(deployment.variant(suffix, overrides), workload);
    }

    String eventsTopic() {
        return deployment.eventsTopic();
    }

    /** Events actually pre-loaded: the groups' hits need about 260k, more than a small request. */
    int events() {
        return workload.events.size();
    }

    Sample repeat() throws Exception {
        try (Admin admin = Clients.admin(deployment.bootstrap);
             KafkaConsumer<byte[], byte[]> alerts = Clients.consumer(deployment.bootstrap, "read_committed")) {
            // Repetitions share the alerts topic: read only what this repetition writes.
            String topic = deployment.config().alertsTopic();
            List<TopicPartition> tps = alerts.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            alerts.assign(tps);
            alerts.seekToEnd(tps);
            tps.forEach(alerts::position);
            try (AppProcess instance = deployment.startProcess()) {
                long start = System.nanoTime();
                if (!Clients.awaitProcessed(admin, instance, deployment.eventsTopic(), 1000, Duration.ofMinutes(10))) {
                    throw new IllegalStateException(deployment.name + ": backlog not processed within 10 minutes");
                }
                double eventsPerSec = workload.events.size() / ((System.nanoTime() - start) / 1e9);
                Map<ExpectedTransitions.Transition, Integer> seen = new HashMap<>();
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (!seen.keySet().containsAll(expected) && System.nanoTime() < deadline) {
                    read(alerts, seen);
                }
                long extra = System.nanoTime() + EXTRA.toNanos();
                while (System.nanoTime() < extra) {
                    read(alerts, seen);
                }
                // Read while the child still runs: its peak is gone with the process. By now it has caught
                // up and closed the last windows, so the peak covers the whole repetition.
                ProcessMemory.Status memory = instance.memory();
                Sample s = compare(expected, seen);
                LOG.info("{}: {} events/s; transitions found {} / expected {}, unexpected {}, duplicated {}; alertstream run {} MiB RSS,"
                        + " {} MiB peak", deployment.name, Math.round(eventsPerSec), s.found(), s.expected(), s.unexpected(),
                        s.duplicated(), Math.round(memory.residentMiB()), Math.round(memory.peakResidentMiB()));
                return new Sample(eventsPerSec, s.expected(), s.found(), s.unexpected(), s.duplicated(), memory.residentMiB(),
                        memory.peakResidentMiB());
            }
        }
    }

    private static void read(KafkaConsumer<byte[], byte[]> alerts, Map<ExpectedTransitions.Transition, Integer> seen) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(200))) {
            seen.merge(transition(JSON.readTree(r.value())), 1, Integer::sum);
        }
    }

    static ExpectedTransitions.Transition transition(JsonNode alert) {
        JsonNode level = alert.path("level");
        String start = alert.path("window").path("start").asText(null);
        return new ExpectedTransitions.Transition(alert.path("alertKey").asText(null), alert.path("status").asText(null),
                level.isTextual() ? level.asText() : null, start == null ? Long.MIN_VALUE : Instant.parse(start).toEpochMilli());
    }

    /** Found: expected transitions read at least once; unexpected: records of any other; duplicated: extra copies of expected ones. */
    static Sample compare(Set<ExpectedTransitions.Transition> expected, Map<ExpectedTransitions.Transition, Integer> seen) {
        int found = 0;
        int unexpected = 0;
        int duplicated = 0;
        for (Map.Entry<ExpectedTransitions.Transition, Integer> e : seen.entrySet()) {
            if (expected.contains(e.getKey())) {
                found++;
                duplicated += e.getValue() - 1;
            } else {
                unexpected += e.getValue();
            }
        }
        return new Sample(Double.NaN, expected.size(), found, unexpected, duplicated, Double.NaN, Double.NaN);
    }
}
