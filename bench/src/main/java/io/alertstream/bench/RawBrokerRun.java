package io.alertstream.bench;


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

        Clients.Consumed read = Clients.consumeAll(kafka.bootstrapServers(), topic, records);
        return new Sample(records / produceSec, bytes / produceSec / 1e6, read.recordsPerSec(), read.bytes() / read.seconds() / 1e6);
    }
}
