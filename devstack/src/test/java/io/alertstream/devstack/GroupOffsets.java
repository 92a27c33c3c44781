package io.alertstream.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a Streams application has got through an input topic, from the broker's point of view: the
 * offsets its consumer group committed (under exactly-once, in the same transaction as the output and
 * state changes of those records) against the topic's end offsets. Totals over all partitions; the
 * topic must be written only by non-transactional producers, so that its end offset counts records.
 * Also tells whether a transaction is open on a topic the application writes.
 */
final class GroupOffsets implements AutoCloseable {
    private final Admin admin;
    private final String group;

    GroupOffsets(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        this.admin = Admin.create(p);
        this.group = group;
    }

    /** The group's committed offsets on {@code topic}, summed over partitions (0 for a partition without one). */
    long committed(String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return offsets.entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    /** The end offsets of {@code topic}, summed over partitions: the records produced to it so far. */
    long end(String topic) throws Exception {
        return end(topic, IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * How many records of {@code topic} sit in open transactions: end offsets minus last stable offsets
     * (the first offset of a partition's open transaction, or its end when none is open), summed.
     */
    long inOpenTransactions(String topic) throws Exception {
        return end(topic, IsolationLevel.READ_UNCOMMITTED) - end(topic, IsolationLevel.READ_COMMITTED);
    }

    private long end(String topic, IsolationLevel isolation) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(topic, p))
                .collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().values().stream().mapToLong(i -> i.offset()).sum();
    }

    /** Waits until the group committed everything produced to {@code topic} so far; fails at the deadline. */
    void awaitCaughtUp(String topic, Duration timeout) throws Exception {
        long end = end(topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        long committed;
        while ((committed = committed(topic)) < end) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("group " + group + " committed " + committed + " of " + end + " records of " + topic
                        + " within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
