package io.alertstream.connectors.notification;

import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.testkit.KafkaTestClients;
import io.alertstream.testkit.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One real broker and one real Connect worker for a notification sink IT class, with a JSON producer,
 * a topic reader (for dead-letter topics), committed offsets of a sink, and deadline waits.
 */
public final class NotificationItSupport implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(90);

    public final EmbeddedKafka kafka;
    public final EmbeddedConnect connect;
    private final KafkaTestClients clients;

    private NotificationItSupport(EmbeddedKafka kafka, EmbeddedConnect connect) {
        this.kafka = kafka;
        this.connect = connect;
        this.clients = new KafkaTestClients(kafka.bootstrapServers());
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
        clients.send(topic, (String) notification.get("id"), notification);
        clients.flush();
    }

    /** Sum of the offsets the sink's consumer group committed (0 before the first commit). */
    public long committedTotal(String connectorName) {
        return clients.committedTotal(connectorName);
    }

    /** Reads a topic from the start until {@code expected} records arrived or the timeout passed. */
    public List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        return clients.readAll(topic, expected, TIMEOUT);
    }

    /** Waits until the condition holds, failing at the deadline with the last observed state. */
    public static void await(BooleanSupplier condition, Supplier<String> state) {
        Waits.until(condition, TIMEOUT, state);
    }

    /** Checks {@code assertion} every 200 ms for {@code duration}: a state that must hold throughout. */
    public static void holdsFor(Duration duration, Runnable assertion) {
        Waits.holdsFor(duration, assertion);
    }

    @Override
    public void close() {
        Waits.closeAll(clients, connect, kafka);
    }
}
