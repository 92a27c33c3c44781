package io.alertstream.api.targets;

import io.alertstream.api.http.KafkaAcknowledgement;
import io.alertstream.topology.targets.Target;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes targets to the compacted {@code targets} topic, keyed by id, with an idempotent producer (acks=all),
 * and waits for the acknowledgement: a write the brokers did not take answers 503, never success. A delete
 * is a tombstone. Values are the {@link Target} JSON the probe connector reads.
 */
public final class TargetWriter implements AutoCloseable {
    private final KafkaProducer<String, Target> producer;
    private final String topic;
    private final Duration timeout;

    public TargetWriter(Properties clientProps, String topic, Duration timeout) {
        Properties p = new Properties();
        clientProps.forEach((k, v) -> {
            if (!k.toString().startsWith("alertstream.")) {
                p.put(k, v);
            }
        });
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 1000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 1000)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alertstream-api-targets-" + java.util.UUID.randomUUID());
        this.producer = new KafkaProducer<>(p, new StringSerializer(), TargetStores.TARGET_SERDE.serializer());
        this.topic = topic;
        this.timeout = timeout;
    }

    public void write(Target t) {
        await(producer.send(new ProducerRecord<>(topic, t.id(), t)));
    }

    public void delete(String id) {
        await(producer.send(new ProducerRecord<>(topic, id, null)));
    }

    private void await(Future<?> sent) {
        KafkaAcknowledgement.await(sent, timeout);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
