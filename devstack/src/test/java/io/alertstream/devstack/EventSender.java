package io.alertstream.devstack;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces test input: single events (to a chosen partition, with a chosen key) and the "tail" that
 * lets a workload's last windows close, and replays a {@link Workload} at a steady pace, as a live
 * producer would, while a test kills or restarts instances.
 */
final class EventSender implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();

    EventSender(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one record; {@code partition} and {@code key} may be null. A failed send fails the next {@link #flush()}. */
    Future<RecordMetadata> send(String topic, Integer partition, long timestamp, String key, String value) {
        return send(topic, partition, timestamp, key, value, new RecordHeaders());
    }

    /** Sends one record with the given headers; otherwise like {@link #send(String, Integer, long, String, String)}. */
    Future<RecordMetadata> send(String topic, Integer partition, long timestamp, String key, String value, Headers headers) {
        return producer.send(new ProducerRecord<>(topic, partition, timestamp, bytes(key), bytes(value), headers),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    /**
     * One non-matching event per partition, {@code minutesAfter} minutes after the workload's last
     * minute: the watermark of every partition passes the workload's windows, so they all close and
     * every firing alert of the workload resolves (its quiet next window closes too).
     */
    void sendTail(Workload workload, String topic, int partitions, int minutesAfter) throws Exception {
        long last = workload.events.get(workload.events.size() - 1).time();
        long time = last / 60_000 * 60_000 + minutesAfter * 60_000L;
        for (int p = 0; p < partitions; p++) {
            send(topic, p, time, null, "{\"timestamp\":" + time + ",\"kind\":\"other\",\"group\":\"tail\"}");
        }
        flush();
    }

    /**
     * Sends events [from, to) of the workload in event-time order at about {@code perSecond}, null keys,
     * checking {@code stop} between batches. Returns the index reached.
     */
    int replay(Workload workload, String topic, int from, int to, int perSecond, java.util.function.BooleanSupplier stop)
            throws Exception {
        int batch = Math.max(1, perSecond / 10);
        long started = System.nanoTime();
        int i = from;
        while (i < to && !stop.getAsBoolean()) {
            int end = Math.min(to, i + batch);
            for (; i < end; i++) {
                Workload.Event e = workload.events.get(i);
                send(topic, null, e.time(), null, e.json());
            }
            long due = started + (long) ((i - from) * 1e9 / perSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        flush();
        return i;
    }

    /** Waits for every send so far; fails if any was lost, so a test never blames the product for missing input. */
    void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("an input event could not be produced", failure.get());
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
