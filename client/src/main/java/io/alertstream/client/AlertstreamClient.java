package io.alertstream.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an application's events to alertstream without ever making the application wait.
 *
 * <pre>{@code
 * try (AlertstreamClient client = AlertstreamClient.kafka("broker:9092", "events").build()) {
 *     client.send(Map.of("service", "checkout", "status", 500, "timestamp", Instant.now().toString()));
 * }
 * }</pre>
 *
 * <p>{@code send} turns the event into JSON on the caller's thread and offers it to a bounded buffer;
 * when the buffer is full the event is dropped, counted in {@link #dropped()} and passed to the
 * {@code onDrop} callback. One background thread ({@link Sender}) delivers the buffer in batches through
 * a {@link Transport} and retries transient failures (outage, 5xx, 429) with backoff without losing the
 * batch; events refused for good are counted in {@link #rejected()} and passed to {@code onRejected}.
 * Events go out in the order they were buffered; a retry resends only what was not delivered. Delivery
 * is at least once: an event the receiver took just before a connection broke can arrive twice (and over
 * Kafka an outage longer than the producer's delivery timeout can reorder, see {@link KafkaTransport}).
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public final class AlertstreamClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertstreamClient.class);

    private final BlockingQueue<byte[]> buffer;
    private final Transport transport;
    private final Sender sender;
    private final Thread thread;
    private final ObjectMapper json;
    private final DropListener onDrop;
    private final Duration closeTimeout;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A client that sends to a Kafka topic (idempotent producer, {@code acks=all}). */
    public static AlertstreamClientBuilder kafka(String bootstrapServers, String topic) {
        return AlertstreamClientBuilder.kafka(bootstrapServers, topic);
    }

    /** A client that POSTs to the alertstream HTTP API at {@code baseUrl} ({@code /v1/events}) with a bearer token. */
    public static AlertstreamClientBuilder http(String baseUrl, String token) {
        return AlertstreamClientBuilder.http(baseUrl, token);
    }

    /** A client over a transport of your own (or a fake one in tests). */
    public static AlertstreamClientBuilder custom(Transport transport) {
        return AlertstreamClientBuilder.custom(transport);
    }

    AlertstreamClient(AlertstreamClientBuilder b, Transport transport) {
        this.buffer = new ArrayBlockingQueue<>(b.bufferCapacity);
        this.transport = transport;
        this.json = b.objectMapper;
        this.onDrop = b.onDrop;
        this.closeTimeout = b.closeTimeout;
        this.sender = new Sender(buffer, transport, b.batchSize, b.linger.toMillis(), b.retryBackoff(),
                b.onRejected);
        this.thread = new Thread(sender, "alertstream-client-sender");
        // A forgotten close() must not keep the application's JVM alive.
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Buffers one event, a JSON object given as a map. Never blocks and never throws for a full buffer.
     *
     * @return true when buffered; false when dropped (full buffer, closed client, not serializable)
     */
    public boolean send(Map<String, ?> event) {
        return enqueue(event);
    }

    /**
     * Buffers one event, any object Jackson writes as a JSON object (a record, a bean, a {@code JsonNode}).
     * Java time types need the client's {@code objectMapper} to have a module for them; an ISO string works everywhere.
     *
     * @return true when buffered; false when dropped
     */
    public boolean send(Object event) {
        return enqueue(event);
    }

    private boolean enqueue(Object event) {
        if (closed.get()) {
            return drop(event, DropReason.CLOSED);
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(event);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.debug("Event not serializable, dropped: {}", e.toString());
            return drop(event, DropReason.NOT_SERIALIZABLE);
        }
        if (bytes.length == 0 || bytes[0] != '{') {
            return drop(event, DropReason.NOT_SERIALIZABLE);
        }
        if (!buffer.offer(bytes)) {
            return drop(event, DropReason.BUFFER_FULL);
        }
        accepted.incrementAndGet();
        return true;
    }

    private boolean drop(Object event, DropReason reason) {
        dropped.incrementAndGet();
        try {
            onDrop.dropped(event, reason);
        } catch (RuntimeException e) {
            LOG.warn("The onDrop callback threw; ignored", e);
        }
        return false;
    }

    /**
     * Waits until every event buffered before this call is delivered or rejected.
     *
     * @return true when it was; false when {@code timeout} passed first (the events stay buffered and keep being retried)
     */
    public boolean flush(Duration timeout) {
        long target = accepted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        Object progress = sender.progress();
        sender.flushStarted();
        try {
            synchronized (progress) {
                while (settled() < target) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !thread.isAlive()) {
                        return settled() >= target;
                    }
                    TimeUnit.NANOSECONDS.timedWait(progress, left);
                }
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            sender.flushEnded();
        }
    }

    private long settled() {
        return sender.sent() + sender.rejected();
    }

    /**
     * Flushes for up to the builder's {@code closeTimeout}, then stops the sender and the transport. Events
     * still undelivered then are dropped with {@link DropReason#CLOSE_TIMEOUT}. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean flushed = flush(closeTimeout);
        sender.stopWhenDrained();
        if (!flushed) {
            thread.interrupt();
        }
        try {
            thread.join(closeTimeout.toMillis() + 1_000);
            if (thread.isAlive()) {
                // Events sent during the flush kept it busy past the bound: stop it now.
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // The transport ignores interrupts (a hung call): leave the daemon thread, report nothing twice.
            LOG.warn("The sender thread did not stop; {} event(s) may be lost", pending());
        } else {
            List<byte[]> lost = new ArrayList<>(sender.unsettled());
            buffer.drainTo(lost);
            if (!lost.isEmpty()) {
                LOG.warn("Closed with {} event(s) undelivered after {}; dropped", lost.size(), closeTimeout);
            }
            for (byte[] event : lost) {
                drop(new String(event, StandardCharsets.UTF_8), DropReason.CLOSE_TIMEOUT);
            }
        }
        try {
            transport.close();
        } catch (Exception e) {
            LOG.warn("Closing the transport failed", e);
        }
    }

    /** Events delivered (acknowledged by Kafka or accepted by the API). */
    public long sent() {
        return sender.sent();
    }

    /** Events dropped by this client: full buffer, after close, not serializable, undelivered at close. */
    public long dropped() {
        return dropped.get();
    }

    /** Events the receiving side refused for good (see {@code onRejected}). */
    public long rejected() {
        return sender.rejected();
    }

    /** Events buffered or being delivered, not yet delivered, rejected or dropped. */
    public long pending() {
        return buffer.size() + sender.inFlight();
    }
}
