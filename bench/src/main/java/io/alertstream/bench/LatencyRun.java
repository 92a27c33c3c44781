package io.alertstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alert latency under load. A background producer sends the 1-rule workload at a fixed rate (half
 * the sustained maximum measured earlier in the run); meanwhile probe events, each with a new probe
 * id, are sent at a steady pace with their own unbatched producer. Every probe makes the probe rule
 * fire at once (a new group whose count crosses 0). Latency = time from just before the probe's
 * {@code send} to the moment a {@code read_committed} consumer of the alerts topic returns its
 * FIRING alert: it includes produce, processing, the repartition hop and the transaction commit
 * that makes the alert visible (which is why {@code commit.interval.ms} dominates it).
 */
final class LatencyRun {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Latencies in ms of the probes that alerted, how many did not, and the background rate achieved. */
    record Sample(List<Double> latenciesMs, int missing, double backgroundEventsPerSec) {
    }

    private final Deployment deployment;

    LatencyRun(Deployment deployment) {
        this.deployment = deployment;
    }

    static LatencyRun prepare(String bootstrap, java.nio.file.Path workDir, String name, Map<String, String> overrides) throws Exception {
        Deployment d = new Deployment(bootstrap, workDir, name, overrides);
        d.createTopics(4);
        Clients.awaitLeaders(bootstrap, d.eventsTopic());
        d.publishRules(BenchWorkload.rules(1) + BenchWorkload.probeRule());
        return new LatencyRun(d);
    }

    Sample repeat(double backgroundRate, Duration duration, double probesPerSec, String probePrefix) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong background = new AtomicLong();
        try (Deployment.Instance instance = deployment.start();
             KafkaConsumer<byte[], byte[]> alerts = Clients.consumer(deployment.bootstrap, "read_committed")) {
            String alertsTopic = deployment.config().alertsTopic();
            List<TopicPartition> tps = alerts.partitionsFor(alertsTopic).stream().map(p -> new TopicPartition(alertsTopic, p.partition())).toList();
            alerts.assign(tps);
            alerts.seekToEnd(tps);
            tps.forEach(alerts::position); // resolve the end now, before any probe is sent
            Thread load = new Thread(() -> sendBackground(backgroundRate, stop, background), "bench-background-load");
            load.start();
            Thread.sleep(2000); // the load settles before the first probe
            long loadStart = System.nanoTime();
            long background0 = background.get();
            try (KafkaProducer<byte[], byte[]> probes = probeProducer()) {
                long intervalNanos = (long) (1e9 / probesPerSec);
                long end = System.nanoTime() + duration.toNanos();
                long next = System.nanoTime();
                int n = 0;
                while (System.nanoTime() < end) {
                    if (System.nanoTime() >= next) {
                        String id = probePrefix + "-" + (n++);
                        sentAt.put(id, System.nanoTime());
                        probes.send(new ProducerRecord<>(deployment.eventsTopic(), null, BenchWorkload.probe(id, System.currentTimeMillis())));
                        next += intervalNanos;
                    }
                    readAlerts(alerts, sentAt, latencyNanos, Duration.ofMillis(5));
                }
            }
            double backgroundRateAchieved = (background.get() - background0) / ((System.nanoTime() - loadStart) / 1e9);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (latencyNanos.size() < sentAt.size() && System.nanoTime() < deadline) {
                readAlerts(alerts, sentAt, latencyNanos, Duration.ofMillis(100));
            }
            stop.set(true);
            load.join();
            List<Double> ms = new ArrayList<>();
            latencyNanos.values().forEach(v -> ms.add(v / 1e6));
            int missing = sentAt.size() - latencyNanos.size();
            LOG.info("{}: {} probes, {} alerted, p50 {} ms, background {} events/s", deployment.name, sentAt.size(), ms.size(),
                    Stats.percentile(ms, 0.5), backgroundRateAchieved);
            return new Sample(ms, missing, backgroundRateAchieved);
        }
    }

    private static void readAlerts(KafkaConsumer<byte[], byte[]> alerts, Map<String, Long> sentAt, Map<String, Long> latencyNanos,
                                   Duration poll) {
        for (ConsumerRecord<byte[], byte[]> r : alerts.poll(poll)) {
            long now = System.nanoTime();
            String id = BenchWorkload.probeIdOf(r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
            Long sent = id == null ? null : sentAt.get(id);
            if (sent != null && isFiring(r.value())) {
                latencyNanos.putIfAbsent(id, now - sent);
            }
        }
    }

    private static boolean isFiring(byte[] value) {
        try {
            JsonNode alert = JSON.readTree(value);
            return "FIRING".equals(alert.path("status").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private void sendBackground(double rate, AtomicBoolean stop, AtomicLong sent) {
        BenchWorkload workload = new BenchWorkload(1000, 0, 0, 7);
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(deployment.bootstrap)) {
            long start = System.nanoTime();
            long i = 0;
            while (!stop.get()) {
                long due = (long) (rate * (System.nanoTime() - start) / 1e9);
                while (i < due) {
                    producer.send(new ProducerRecord<>(deployment.eventsTopic(), null, workload.eventAt(i, System.currentTimeMillis())));
                    i++;
                }
                sent.set(i);
                try {
                    Thread.sleep(5); // pacing: the background load is sent at a fixed rate, in small steps
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private KafkaProducer<byte[], byte[]> probeProducer() {
        java.util.Properties p = new java.util.Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, deployment.bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
