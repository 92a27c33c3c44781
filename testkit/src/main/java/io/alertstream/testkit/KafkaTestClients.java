package io.alertstream.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * String clients for integration tests: produce JSON or text (a lost send fails the test, so a lost input is
 * never blamed on what reads it), read a topic back from its start, and compare a Connect sink's committed
 * offsets with the topic's ends. One instance holds one producer and one admin client; the static methods make
 * a producer or consumer with the given extra settings.
 */
public final class KafkaTestClients implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;
    private final Admin admin;
    private final List<Future<?>> pending = new ArrayList<>();

    public KafkaTestClients(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = producer(bootstrapServers, Map.of(ProducerConfig.LINGER_MS_CONFIG, "5"));
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Sends {@code value} as JSON; {@link #flush()} waits for it. */
    public void send(String topic, String key, Map<String, ?> value) {
        try {
            sendRaw(topic, key, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends a text value as it is; {@link #flush()} waits for it. */
    public void sendRaw(String topic, String key, String value) {
        pending.add(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    /** Waits for every send so far, failing on any lost one. */
    public void flush() {
        producer.flush();
        try {
            for (Future<?> f : pending) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a test record was not written to Kafka", e.getCause());
        } finally {
            pending.clear();
        }
    }

    /** True when the Connect sink's consumer group has committed the end offset of every partition of {@code topic}. */
    public boolean caughtUp(String connectorName, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("connect-" + connectorName).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(end -> committed.containsKey(end.getKey())
                    && committed.get(end.getKey()).offset() >= end.getValue().offset());
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sum of the offsets a Connect sink's consumer group committed (0 before the first commit). */
    public long committedTotal(String connectorName) {
        try {
            return admin.listConsumerGroupOffsets("connect-" + connectorName).partitionsToOffsetAndMetadata().get()
                    .values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the beginning until {@code expected} records arrived or the timeout passed. */
    public List<ConsumerRecord<String, String>> readAll(String topic, int expected, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, "it-reader-" + System.nanoTime(), Map.of())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Override
    public void close() {
        Waits.closeAll(producer, admin);
    }

    /** A string producer that waits for all replicas, with {@code extra} settings on top. */
    public static KafkaProducer<String, String> producer(String bootstrap, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Sends each value (keyed by itself) and waits for each acknowledgement. */
    public static void send(String bootstrap, String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(bootstrap, Map.of())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get();
            }
        }
    }

    /** A string consumer of {@code group} reading from the earliest offset, committing nothing by itself. */
    public static KafkaConsumer<String, String> consumer(String bootstrap, String group, Map<String, Object> extra) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.putAll(extra);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Subscribes to {@code topic} and polls until {@code expected} values arrived (or the deadline passed). */
    public static List<String> poll(KafkaConsumer<String, String> consumer, String topic, int expected, Duration timeout) {
        consumer.subscribe(List.of(topic));
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (values.size() < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
            }
        }
        return values;
    }
}
