package io.alertstream.topology.runtime;

import io.alertstream.topology.watermark.SourceBacklog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures, at the broker, how much input the application has not yet committed: for every input
 * partition (whichever instance owns it), log end minus the consumer group's committed offset (log
 * start when nothing is committed yet). Feeds {@link SourceBacklog}, so a partition is only ever
 * called idle when the whole application has read it to the end. Costs two or three small admin
 * requests per refresh; a failed refresh keeps the previous reading.
 */
final class InputLagProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputLagProbe.class);
    private final Admin admin;
    private final String groupId;
    private final List<String> topics;
    private final SourceBacklog backlog;
    private List<TopicPartition> partitions;

    InputLagProbe(Properties clientProps, String groupId, List<String> topics, SourceBacklog backlog) {
        this.admin = Admin.create(TopicProvisioner.adminProps(clientProps));
        this.groupId = groupId;
        this.topics = topics;
        this.backlog = backlog;
    }

    void refresh() {
        try {
            if (partitions == null) {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
                partitions = described.values().stream()
                        .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                        .toList();
            }
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartition tp : partitions) {
                latest.put(tp, OffsetSpec.latest());
                if (committed.get(tp) == null) {
                    earliest.put(tp, OffsetSpec.earliest());
                }
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = earliest.isEmpty() ? Map.of()
                    : admin.listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
            Map<String, Long> lag = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long position = c != null ? c.offset() : starts.get(tp).offset();
                lag.put(tp.topic() + "-" + tp.partition(), Math.max(0, ends.get(tp).offset() - position));
            }
            backlog.update(lag);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("Could not measure input lag (keeping the previous reading): {}", e.toString());
        }
    }

    @Override
    public void close() {
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
