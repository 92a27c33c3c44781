package io.alertstream.connectors.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One real broker and one real Connect worker for a notification sink IT class, with a JSON producer,
 * a topic reader (for dead-letter topics), committed offsets of a sink, and deadline waits.
 */
public final class NotificationItSupport implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final EmbeddedKafka kafka;
    public final EmbeddedConnect connect;
    private final KafkaProducer<String, String> producer;
    private final Admin admin;

    private NotificationItSupport(EmbeddedKafka kafka, EmbeddedConnect connect) {
        this.kafka = kafka;
        this.connect = connect;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    public static NotificationItSupport start() {
        return start(Map.of());
    }

    /** With these worker properties added (e.g. {@code rest.extension.classes}). */
    public static NotificationItSupport start(Map<String, String> workerProperties) {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            EmbeddedConnect.Builder worker = EmbeddedConnect.builder().bootstrapServers(kafka.bootstrapServers());
            workerProperties.forEach(worker::workerProperty);
            return new NotificationItSupport(kafka, worker.start());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** Creates the connector with one task and waits until it runs. */
    public void startConnector(String name, Map<String, String> config) {
        connect.putConnector(name, config);
        connect.awaitConnectorRunning(name, 1, TIMEOUT);
    }

    /** Sends a notification keyed by its id, and waits for the broker's acknowledgement. */
    public void send(String topic, Map<String, Object> notification) {
        try {
            producer.send(new ProducerRecord<>(topic, (String) notification.get("id"),
                    JSON.writeValueAsString(notification))).get();
        } catch (JsonProcessingException | InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sum of the offsets the sink's consumer group committed (0 before the first commit). */
    public long committedTotal(String connectorName) {
        try {
            return admin.listConsumerGroupOffsets("connect-" + connectorName).partitionsToOffsetAndMetadata().get()
                    .values().stream().filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a topic from the start until {@code expected} records arrived or the timeout passed. */
    public List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + System.nanoTime());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Waits until the condition holds, failing at the deadline with the last observed state. */
    public static void await(BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!safely(condition)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not reached within " + TIMEOUT + ": " + state.get());
            }
            pause(200);
        }
    }

    /** Checks {@code assertion} every 200 ms for {@code duration}: a state that must hold throughout. */
    public static void holdsFor(Duration duration, Runnable assertion) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            assertion.run();
            pause(200);
        }
        assertion.run();
    }

    private static boolean safely(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable service : new AutoCloseable[] {producer, admin, connect, kafka}) {
            try {
                service.close();
            } catch (Exception e) {
                // Keep closing the others, so no broker or worker outlives the test class.
            }
        }
    }
}
