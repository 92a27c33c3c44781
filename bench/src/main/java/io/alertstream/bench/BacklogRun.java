package io.alertstream.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backlog catch-up: an hour of {@link BacklogWorkload} events (null keys over 4 partitions, so
 * partitions are read at different speeds and event time drifts between them) is pre-loaded before
 * the instance starts. Catch-up speed is timed like {@link ThroughputRun} (until input and fan-out
 * are committed); then the alerts topic is read ({@code read_committed}) until every expected alert
 * window has fired or a deadline passes, and the share found is reported. The idle timeout is 5 s
 * (not the default 30 s) so the last minute's windows close soon after the data ends.
 */
final class BacklogRun {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    record Sample(double eventsPerSec, double foundShare, int expected, int found) {
    }

    private final Deployment deployment;
    private final BacklogWorkload workload;

    private BacklogRun(Deployment deployment, BacklogWorkload workload) {
        this.deployment = deployment;
        this.workload = workload;
    }

    static BacklogRun prepare(String bootstrap, Path workDir, String name, long events) throws Exception {
        Deployment d = new Deployment(bootstrap, workDir, name, Map.of("alertstream.idle.timeout", "5s"));
        d.createTopics(4);
        d.publishRules(BacklogWorkload.RULE);
        BacklogWorkload w = BacklogWorkload.generate(7L, Instant.now().minus(Duration.ofHours(2)), 60, events);
        Clients.preload(bootstrap, d.eventsTopic(), w.events.size(), i -> w.events.get((int) i).json());
        return new BacklogRun(d, w);
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
            try (Deployment.Instance instance = deployment.start()) {
                long start = System.nanoTime();
                if (!Clients.awaitProcessed(admin, instance, deployment.eventsTopic(), 1000, Duration.ofMinutes(10))) {
                    throw new IllegalStateException(deployment.name + ": backlog not processed within 10 minutes");
                }
                double eventsPerSec = workload.events.size() / ((System.nanoTime() - start) / 1e9);
                Set<String> found = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!found.containsAll(workload.breachGroups) && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(200))) {
                        String group = BacklogWorkload.groupOf(r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
                        if (group != null && "FIRING".equals(JSON.readTree(r.value()).path("status").asText())) {
                            found.add(group);
                        }
                    }
                }
                found.retainAll(workload.breachGroups);
                int expected = workload.breachGroups.size();
                LOG.info("{}: {} events/s, found {} of {} alert windows", deployment.name, eventsPerSec, found.size(), expected);
                return new Sample(eventsPerSec, (double) found.size() / expected, expected, found.size());
            }
        }
    }
}
