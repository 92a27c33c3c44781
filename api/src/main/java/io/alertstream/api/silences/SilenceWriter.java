package io.alertstream.api.silences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.http.KafkaAcknowledgement;
import io.alertstream.topology.silence.Silence;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes silences to the compacted {@code silences} topic, keyed by id, with an idempotent producer (acks=all),
 * and waits for the acknowledgement: a write the brokers did not take answers 503, never success.
 */
public final class SilenceWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration timeout;

    public SilenceWriter(Properties clientProps, String topic, Duration timeout) {
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
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alertstream-api-silences-" + java.util.UUID.randomUUID());
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        this.topic = topic;
        this.timeout = timeout;
    }

    public void write(Silence s) {
        try {
            KafkaAcknowledgement.await(producer.send(new ProducerRecord<>(topic, s.id(), JSON.writeValueAsString(s))), timeout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write silence " + s.id() + " as JSON", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
