package io.alertstream.topology.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Reads a dead-letter topic up to its end as of the start, and either lists the records or sends each
 * original record (key, value, its own headers; no dead-letter headers) back to where it came from, so
 * that input refused before a fix is processed after it.
 *
 * <p>Progress is a consumer group (default {@code alertstream-dead-letter-replay}): a replay commits its
 * position only after the producer has flushed every record before it (idempotent, {@code acks=all}), so
 * a second run resumes after the first and an interrupted run repeats at most what it had not
 * committed. A listing never commits. Records whose value the writer dropped for size are reported with
 * their origin and skipped: read those from the source topic, which still has them while retention allows.
 */
public final class DeadLetterReplay {
    /** What to do with each dead letter that passes the filter. */
    public enum Mode { LIST, REPLAY }

    /** Counts of one run. */
    public record Summary(int read, int matched, int replayed, int skipped, Map<String, Integer> byReason) {
    }

    private final Properties clientProps;
    private final String topic;
    private final String group;

    /**
     * @param clientProps Kafka client settings (bootstrap, TLS, SASL); client-specific keys are ignored by the other client
     * @param topic       the dead-letter topic to read
     * @param group       the consumer group that remembers how far replays got
     */
    public DeadLetterReplay(Properties clientProps, String topic, String group) {
        this.clientProps = clientProps;
        this.topic = topic;
        this.group = group;
    }

    /**
     * @param filter  which dead letters to act on
     * @param target  where to send a replayed record; null sends it to its source topic
     * @param printer receives each matching record (for the listing, and as a log of what was replayed)
     */
    public Summary run(Mode mode, Predicate<DeadLetterView> filter, String target, Consumer<DeadLetterView> printer) {
        Properties c = only(clientProps, ConsumerConfig.configNames());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Integer> byReason = new HashMap<>();
        int read = 0;
        int matched = 0;
        int replayed = 0;
        int skipped = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = mode == Mode.REPLAY ? producer() : null) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("Dead-letter topic " + topic + " does not exist");
            }
            Set<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            consumer.assign(partitions);
            if (mode == Mode.LIST) {
                // A listing shows everything there is, whatever earlier replays did.
                consumer.seekToBeginning(partitions);
            } else {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions);
                for (TopicPartition tp : partitions) {
                    OffsetAndMetadata at = committed.get(tp);
                    if (at == null) {
                        consumer.seekToBeginning(List.of(tp));
                    } else {
                        consumer.seek(tp, at.offset());
                    }
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            List<DeadLetterView> sent = new ArrayList<>();
            while (!reachedEnd(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() >= end.get(new TopicPartition(r.topic(), r.partition()))) {
                        continue;
                    }
                    read++;
                    DeadLetterView view = DeadLetterView.of(r);
                    if (!filter.test(view)) {
                        continue;
                    }
                    matched++;
                    byReason.merge(view.reason(), 1, Integer::sum);
                    printer.accept(view);
                    if (mode == Mode.REPLAY) {
                        String to = target != null ? target : view.sourceTopic();
                        if (!view.replayable() || to == null) {
                            skipped++;
                            continue;
                        }
                        sends.add(producer.send(new ProducerRecord<>(to, null, r.timestamp(), r.key(), r.value(), view.originalHeaders())));
                        sent.add(view);
                        replayed++;
                    }
                }
                if (mode == Mode.REPLAY) {
                    producer.flush();
                    awaitSent(sends, sent);
                    consumer.commitSync();
                }
            }
        }
        return new Summary(read, matched, replayed, skipped, byReason);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = only(clientProps, ProducerConfig.configNames());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The settings a client understands (the app's config file also holds Streams and alertstream keys). */
    private static Properties only(Properties all, Set<String> known) {
        Properties p = new Properties();
        all.stringPropertyNames().stream().filter(known::contains).forEach(k -> p.put(k, all.getProperty(k)));
        return p;
    }

    /** Waits for every send of the batch; a failed one stops the run before its position is committed. */
    private static void awaitSent(List<Future<RecordMetadata>> sends, List<DeadLetterView> what) {
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while replaying", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Replaying the dead letter from " + what.get(i).origin() + " failed: "
                        + e.getCause().getMessage() + ". Nothing after it was committed; fix the cause and run the replay again.",
                        e.getCause());
            }
        }
        sends.clear();
        what.clear();
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
