package io.alertstream.connectors.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole targets topic with a consumer of its own (assigned every partition, no group, nothing
 * committed): the topic is small and compacted, and every task needs all of it to pick its share.
 *
 * <p>Thread safety: {@link #poll} runs on the task thread and {@link #close} on the worker's; both hold this
 * object's lock, so the consumer is never used by two threads at once.
 */
final class KafkaTargetFeed implements TargetFeed {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTargetFeed.class);
    private static final long MISSING_TOPIC_RECHECK_MS = 5_000;

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private boolean assigned;
    private boolean closed;
    private long lastCheckMs;

    KafkaTargetFeed(ProbeSourceConnectorConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>(config.targetsConsumerProps());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        this.topic = config.targetsTopic();
    }

    @Override
    public synchronized List<Change> poll(Duration timeout) {
        if (closed || !assign()) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        try {
            for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
                changes.add(new Change(record.key(), record.value()));
            }
        } catch (WakeupException e) {
            // close() woke us up: the task is stopping.
        }
        return changes;
    }

    /** Assigns every partition once the topic exists; rechecks a missing topic every few seconds. */
    private boolean assign() {
        if (assigned) {
            return true;
        }
        long now = System.currentTimeMillis();
        if (now - lastCheckMs < MISSING_TOPIC_RECHECK_MS) {
            return false;
        }
        lastCheckMs = now;
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (partitions == null || partitions.isEmpty()) {
            LOG.warn("Targets topic '{}' does not exist (yet); create it or set {}", topic,
                    ProbeSourceConnectorConfig.TARGETS_TOPIC_CONFIG);
            return false;
        }
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        assigned = true;
        return true;
    }

    @Override
    public void close() {
        consumer.wakeup();
        synchronized (this) {
            closed = true;
            consumer.close(Duration.ofSeconds(5));
        }
    }
}
