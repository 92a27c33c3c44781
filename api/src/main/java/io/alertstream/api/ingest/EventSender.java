package io.alertstream.api.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces accepted events to the events topic with an idempotent producer (acks=all) and waits for
 * every acknowledgement. {@code max.block.ms} is short, so a full buffer fails at once
 * ({@link Outcome#BUFFER_FULL}, answered 429) instead of holding a request thread; the brokers get
 * {@code alertstream.api.ingest.timeout} to acknowledge ({@code delivery.timeout.ms}), after which the
 * batch is {@link Outcome#UNAVAILABLE} (503).
 */
public final class EventSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventSender.class);
    static final long MAX_BLOCK_MS = 250;
    static final long LINGER_MS = 5;
    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final Duration timeout;
    private volatile boolean closed;

    public enum Outcome { ACKNOWLEDGED, BUFFER_FULL, UNAVAILABLE }

    public EventSender(Properties clientProps, String topic, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(MAX_BLOCK_MS));
        p.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(LINGER_MS));
        long delivery = Math.max(timeout.toMillis(), 1000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(delivery - LINGER_MS));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alertstream-api-ingest-" + java.util.UUID.randomUUID());
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.timeout = Duration.ofMillis(delivery);
    }

    /** For tests: sends with {@code producer}, waiting at most {@code timeout} (plus a second) for acknowledgements. */
    EventSender(Producer<byte[], byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Fetches the topic's metadata in the background, so the first request does not wait for it; gives up
     * after {@code within} (the events topic is the engine's to create; until it exists ingest answers 503).
     */
    public void warmUp(Duration within) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + within.toNanos();
            while (!closed && System.nanoTime() < deadline) {
                try {
                    producer.partitionsFor(topic);
                    return;
                } catch (RuntimeException e) {
                    LOG.debug("No metadata for {} yet: {}", topic, e.toString());
                }
            }
            if (!closed) {
                LOG.warn("No metadata for the events topic {} after {}; ingest answers 503 until it exists", topic, within);
            }
        }, "alertstream-api-ingest-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** Sends every record and waits for all acknowledgements; the first failure decides the outcome. */
    public Outcome send(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<byte[], byte[]> r : records) {
            try {
                sent.add(producer.send(new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value(), r.headers())));
            } catch (BufferExhaustedException e) {
                // KafkaProducer reports these through the future; other Producer implementations may throw.
                return Outcome.BUFFER_FULL;
            } catch (org.apache.kafka.common.KafkaException e) {
                LOG.warn("Events not sent: {}", e.toString());
                return Outcome.UNAVAILABLE;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        Outcome outcome = Outcome.ACKNOWLEDGED;
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.UNAVAILABLE;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof BufferExhaustedException) {
                    outcome = outcome == Outcome.ACKNOWLEDGED ? Outcome.BUFFER_FULL : outcome;
                } else {
                    LOG.warn("Events not acknowledged: {}", e.getCause().toString());
                    outcome = Outcome.UNAVAILABLE;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                outcome = Outcome.UNAVAILABLE;
            }
        }
        return outcome;
    }

    @Override
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(5));
    }
}
