package io.alertstream.api.http;

import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes the records one request makes (an account, a token, a silence, an ack, a target) to a compacted
 * topic, keyed, with an idempotent producer (acks=all), and waits for the brokers: a write they did not take
 * answers 503 ({@link KafkaAcknowledgement}), never success. A null value is a tombstone.
 */
public final class AcknowledgedWriter<V> implements AutoCloseable {
    private final KafkaProducer<String, V> producer;
    private final Duration timeout;

    /**
     * @param clientProps the API's configuration; its {@code alertstream.*} keys are left out, the rest are the
     *                    Kafka client settings (bootstrap, TLS, SASL)
     * @param purpose     names the producer's client id ({@code alertstream-api-<purpose>-<uuid>}), for the broker's logs and quotas
     * @param timeout     how long a request waits for the brokers to take the write
     */
    public AcknowledgedWriter(Properties clientProps, String purpose, Serializer<V> values, Duration timeout) {
        Properties p = new Properties();
        clientProps.forEach((k, v) -> {
            if (!k.toString().startsWith("alertstream.")) {
                p.put(k, v);
            }
        });
        long delivery = Math.max(timeout.toMillis(), 1000);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0"); // one record per request: nothing to batch with
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alertstream-api-" + purpose + "-" + UUID.randomUUID());
        this.producer = new KafkaProducer<>(p, new StringSerializer(), values);
        this.timeout = timeout;
    }

    /** Writes {@code value} (null: a tombstone) under {@code key} and returns once the brokers have it. */
    public void write(String topic, String key, V value) {
        KafkaAcknowledgement.await(producer.send(new ProducerRecord<>(topic, key, value)), timeout);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
