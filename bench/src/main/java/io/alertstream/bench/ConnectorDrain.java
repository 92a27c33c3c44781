package io.alertstream.bench;

import io.alertstream.testkit.EmbeddedConnect;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sink connector over a pre-loaded topic and times it: registers the connector on the
 * embedded Connect worker, polls its consumer group's committed offsets ({@code connect-<name>}) until
 * they reach the topic's end, then deletes the connector. Output: the {@link DrainTimeline}. A connector
 * or task that fails, or a drain that outlasts the timeout, is an exception carrying the worker's status.
 *
 * <p>Why committed offsets: a sink commits only what its store acknowledged (both alertstream sinks write
 * synchronously in {@code put}, or in {@code flush} before the commit), so "all committed" means "all
 * written", without asking the store while it works.
 */
final class ConnectorDrain {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorDrain.class);
    private static final long POLL_MS = 50;
    private static final long STATUS_EVERY_NANOS = Duration.ofSeconds(1).toNanos();

    private ConnectorDrain() {
    }

    static DrainTimeline run(EmbeddedConnect connect, Admin admin, String name, Map<String, String> config, String topic,
                             Duration timeout) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(admin, topic);
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        String group = "connect-" + name;
        long start = System.nanoTime();
        DrainTimeline timeline = new DrainTimeline(start, total);
        connect.putConnector(name, config);
        try {
            long deadline = start + timeout.toNanos();
            long nextStatus = start + STATUS_EVERY_NANOS;
            while (!timeline.observe(System.nanoTime(), committed(admin, group, ends))) {
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new IllegalStateException(name + " committed " + committed(admin, group, ends) + " of " + total
                            + " records of " + topic + " within " + timeout.toSeconds() + " s; status: " + connect.connectorStatus(name));
                }
                if (now > nextStatus) {
                    String status = connect.connectorStatus(name);
                    if (status.contains("\"FAILED\"")) {
                        throw new IllegalStateException(name + " failed: " + status);
                    }
                    nextStatus = now + STATUS_EVERY_NANOS;
                }
                Thread.sleep(POLL_MS); // poll the group's commits (one admin request), bounded by the deadline above
            }
        } finally {
            connect.deleteConnector(name);
        }
        LOG.info("{}: {} records in {} s after registration ({} s to the first commit)", name, total,
                String.format("%.2f", total / timeline.endToEndPerSec()), String.format("%.2f", timeline.startSeconds()));
        return timeline;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Committed records of the topic, each partition capped at its end offset. */
    private static long committed(Admin admin, String group, Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata c = offsets.get(end.getKey());
            sum += c == null ? 0 : Math.min(c.offset(), end.getValue());
        }
        return sum;
    }
}
