package io.alertstream.topology.processors;

import io.alertstream.topology.model.FanOut;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions the fan-out topic: a match or partial aggregate goes to the partition of its alert key (murmur2, as the
 * default partitioner would), a watermark to every partition (KIP-837 multicast).
 */
public final class FanOutPartitioner implements StreamPartitioner<String, FanOut> {
    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, FanOut value, int numPartitions) {
        if (value instanceof FanOut.Watermark) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    /** The partition of a match or partial keyed {@code key}: which evaluating task owns that alert key. */
    public static int partitionOf(String key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % numPartitions;
    }
}
