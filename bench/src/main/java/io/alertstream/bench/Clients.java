package io.alertstream.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.LongFunction;
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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Plain Kafka clients as the harness uses them: a producer that pre-loads a topic (null keys, so the
 * default partitioner spreads batches over the partitions), a consumer for raw reads, and the
 * consumer-group lag of an application (end offsets minus committed offsets), which is how a run
 * knows that everything pre-loaded has been processed and committed.
 */
final class Clients {
    private Clients() {
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Sends {@code count} values made by {@code values} and waits until all are acknowledged; returns
     * bytes sent. Fails when any record was not written: a run must never time a partial input.
     */
    static long preload(String bootstrap, String topic, long count, LongFunction<byte[]> values) throws Exception {
        return preload(bootstrap, topic, count, i -> null, values, (i, metadata) -> { });
    }

    /**
     * As above with record keys ({@code keys} may return null) and a callback that hears where record
     * {@code i} was written (e.g. to know its partition and offset); callbacks run on the producer's
     * I/O thread, all before this returns.
     */
    static long preload(String bootstrap, String topic, long count, LongFunction<byte[]> keys, LongFunction<byte[]> values,
                        BiConsumer<Long, RecordMetadata> written) throws Exception {
        awaitLeaders(bootstrap, topic);
        long bytes = 0;
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstError = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap)) {
            for (long i = 0; i < count; i++) {
                byte[] v = values.apply(i);
                bytes += v.length;
                long index = i;
                producer.send(new ProducerRecord<>(topic, null, keys.apply(i), v), (metadata, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    } else {
                        written.accept(index, metadata);
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " records not written to " + topic, firstError.get());
        }
        return bytes;
    }

    /**
     * Waits until every partition of a new topic has a leader the broker answers for: producing at
     * once after creation can meet NOT_LEADER_OR_FOLLOWER, which on a loaded machine has left an
     * idempotent producer retrying out-of-order sequences for minutes.
     */
    static void awaitLeaders(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                    if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                        admin.listOffsets(latest).all().get(); // answered by the leaders themselves
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + topic + " have no leader after 60 s");
                }
                Thread.sleep(200); // poll for leader election, bounded by the 60 s deadline above
            }
        }
    }

    static Admin admin(String bootstrap) {
        Map<String, Object> p = new HashMap<>();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /**
     * Records of {@code topic} not yet committed by {@code group}: the sum over partitions of end
     * offset minus committed offset (a partition without a commit counts whole).
     */
    static long lag(Admin admin, String group, String topic) throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long lag = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            lag += ends.get(tp).offset() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /**
     * Waits until the application has committed the whole input topic and its fan-out topic is
     * drained (at most {@code fanOutSlack} records behind: watermarks keep arriving every interval).
     * Returns false on timeout; fails at once when the instance can no longer progress (a child JVM that exited).
     */
    static boolean awaitProcessed(Admin admin, Deployment.Instance instance, String inputTopic, long fanOutSlack, Duration timeout)
            throws Exception {
        return awaitProcessed(admin, instance.applicationId(), inputTopic, instance.fanOutTopic(), fanOutSlack, timeout, () -> true);
    }

    /**
     * The same for any Streams application: {@code group} has committed all of {@code inputTopic} and
     * has at most {@code slack} records of {@code repartitionTopic} left. Returns false on timeout or as
     * soon as {@code alive} says the application stopped.
     */
    static boolean awaitProcessed(Admin admin, String group, String inputTopic, String repartitionTopic, long slack,
                                  Duration timeout, java.util.function.BooleanSupplier alive) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            if (lag(admin, group, inputTopic) == 0 && lag(admin, group, repartitionTopic) <= slack) {
                return true;
            }
            Thread.sleep(100); // poll the group's lag (admin requests), bounded by the caller's deadline
        }
        return false;
    }

    /** What a plain consumer read: records, value bytes, seconds from the first poll to the last record. */
    record Consumed(long records, long bytes, double seconds) {
        double recordsPerSec() {
            return records / seconds;
        }
    }

    /**
     * Reads {@code topic} from the beginning with a plain {@code KafkaConsumer} (no group, no commits)
     * until {@code records} are read: the raw-consume baseline. Fails when they are not read within 5 minutes.
     */
    static Consumed consumeAll(String bootstrap, String topic, long records) {
        long read = 0;
        long readBytes = 0;
        long start;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap, "read_uncommitted")) {
            List<TopicPartition> tps = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            start = System.nanoTime();
            while (read < records && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    read++;
                    readBytes += r.value().length;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (read < records) {
            throw new IllegalStateException("raw consumer read " + read + " of " + records + " records of " + topic + " within 5 minutes");
        }
        return new Consumed(read, readBytes, seconds);
    }
}
