package io.alertstream.bench;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The physical limit: how fast a plain {@code KafkaProducer} writes, and a plain {@code KafkaConsumer}
 * reads, the workload's records on a topic with the same partition count as {@code events}, on the
 * same embedded broker. Each repetition produces to a fresh topic (so produce measures appends, not
 * a growing log) and then reads it from the beginning with a new consumer.
 */
final class RawBrokerRun {
    /** One repetition: records/s and MB/s both ways. */
    record Sample(double produceRecordsPerSec, double produceMBPerSec, double consumeRecordsPerSec, double consumeMBPerSec) {
    }

    private RawBrokerRun() {
    }

    static Sample run(io.alertstream.testkit.EmbeddedKafka kafka, String topic, int partitions, long records, BenchWorkload workload)
            throws Exception {
        kafka.createTopic(topic, partitions, java.util.Map.of());
        long start = System.nanoTime();
        long bytes = Clients.preload(kafka.bootstrapServers(), topic, records, i -> workload.event(i, records));
        double produceSec = (System.nanoTime() - start) / 1e9;

        long read = 0;
        long readBytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(kafka.bootstrapServers(), "read_uncommitted")) {
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
        double consumeSec = (System.nanoTime() - start) / 1e9;
        if (read < records) {
            throw new IllegalStateException("raw consumer read " + read + " of " + records + " records of " + topic + " within 5 minutes");
        }
        return new Sample(records / produceSec, bytes / produceSec / 1e6, read / consumeSec, readBytes / consumeSec / 1e6);
    }
}
