package io.alertstream.devstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the alerts topic from the beginning with {@code read_committed}, as a downstream consumer would. */
final class AlertsReader implements AutoCloseable {
    private final KafkaConsumer<String, String> consumer;
    final List<Map<String, Object>> alerts = new ArrayList<>();

    AlertsReader(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads until the condition holds on everything read so far, or the timeout passes. */
    List<Map<String, Object>> readUntil(Predicate<List<Map<String, Object>>> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(alerts) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                alerts.add(Workload.parse(r.value()));
            }
        }
        return alerts;
    }

    /** Keeps reading for a while, to catch anything arriving late (duplicates, spurious transitions). */
    List<Map<String, Object>> drain(Duration quiet) throws Exception {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                alerts.add(Workload.parse(r.value()));
            }
        }
        return alerts;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
