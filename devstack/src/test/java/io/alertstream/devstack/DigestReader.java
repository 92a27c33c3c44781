package io.alertstream.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the digest topic from the beginning with {@code read_committed}, as a downstream consumer would
 * (or, for a diagnosis, {@code read_uncommitted}, which also returns records of aborted transactions).
 * Each digest is kept with its record key and rendered like {@link DigestModel#digest}: its alarms as
 * {@code "AlarmID Status LatestChangedAt"} joined by {@code "; "}.
 */
final class DigestReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One digest as read: the record key, its UserID and its rendered alarms. */
    record Digest(String key, String user, String alarms) {
    }

    private final KafkaConsumer<String, String> consumer;
    final List<Digest> digests = new ArrayList<>();

    DigestReader(String bootstrap, String topic) {
        this(bootstrap, topic, true);
    }

    DigestReader(String bootstrap, String topic, boolean committedOnly) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** One poll; returns how many digests were read so far. */
    int poll(Duration timeout) throws Exception {
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            JsonNode digest = JSON.readTree(r.value());
            List<String> alarms = new ArrayList<>();
            for (JsonNode a : digest.path("ActiveAlarms")) {
                alarms.add(DigestModel.render(a.path("AlarmID").asText(), a.path("Status").asText(), a.path("LatestChangedAt").asText()));
            }
            digests.add(new Digest(r.key(), digest.path("UserID").asText(), String.join("; ", alarms)));
        }
        return digests.size();
    }

    /** Reads until at least {@code count} digests were read or the timeout passes; returns how many were read. */
    int readUntil(int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (digests.size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return digests.size();
    }

    /** Keeps reading for a while, to catch anything arriving late (a duplicate would). */
    int drain(Duration quiet) throws Exception {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return digests.size();
    }

    /** Every user's digests in the order read (a user's digests share one partition, so this is their order). */
    Map<String, List<String>> byUser() {
        Map<String, List<String>> byUser = new TreeMap<>();
        digests.forEach(d -> byUser.computeIfAbsent(d.user(), u -> new ArrayList<>()).add(d.alarms()));
        return byUser;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
