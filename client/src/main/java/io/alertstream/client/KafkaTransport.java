package io.alertstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers batches to a Kafka topic with an idempotent producer ({@code acks=all}), one record per event,
 * the value the event's JSON, the key the text of a configured top-level field (none without one). It
 * sends the whole batch, then waits for every record's acknowledgement.
 *
 * <p>Failures per record: retriable ones (broker unreachable, not leader, the producer's delivery timeout)
 * make the batch a {@link TransientFailure} that names the records already acknowledged, so only the
 * rest are sent again; a record too large, an unknown or invalid topic name, or a refused ACL is a
 * {@link Rejection}. Any other producer error is treated as transient and the producer is replaced
 * (an idempotent producer can be left unusable by one).
 *
 * <p>Order: records keep the application's order per partition (per key), including across broker
 * restarts, while the producer retries them itself ({@code delivery.timeout.ms}, 120 s by default). An
 * outage longer than that can reorder: records that expired are sent again by the client after those of
 * the same batch that Kafka did take; none is lost or duplicated by it. alertstream judges events by their
 * timestamps, not their arrival, so this changes no alert as long as they arrive within the rule's grace.
 */
public final class KafkaTransport implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransport.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String keyField;
    private final Properties producerProps;
    private KafkaProducer<String, byte[]> producer;

    /**
     * @param extra producer properties (TLS, SASL, timeouts) over this transport's defaults; idempotence and
     *              {@code acks=all} cannot be turned off, they are what makes retrying a batch safe
     */
    public KafkaTransport(String bootstrapServers, String topic, Properties extra, String keyField) {
        this.topic = topic;
        this.keyField = keyField;
        Properties p = new Properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alertstream-client");
        // Waiting for metadata (unknown topic, broker down at start) comes back to the client's retry loop
        // after 10 s instead of 60 s. delivery.timeout.ms keeps Kafka's 120 s on purpose: within it the
        // idempotent producer retries in order by itself; past it, records that expired can be retried
        // by the client after later ones of the same batch got through (see the class comment).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putAll(extra);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producerProps = p;
    }

    @Override
    public void deliver(List<byte[]> events) throws TransientFailure, PermanentFailure {
        KafkaProducer<String, byte[]> out = producer();
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        Exception sendFailure = null;
        for (byte[] event : events) {
            try {
                acks.add(out.send(new ProducerRecord<>(topic, keyOf(event), event)));
            } catch (KafkaException e) {
                // Metadata not available within max.block.ms (broker down): the rest of the batch waits for the retry.
                sendFailure = e;
                break;
            }
        }
        Set<Integer> delivered = new HashSet<>();
        List<Rejection> rejected = new ArrayList<>();
        Throwable transientCause = sendFailure;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
                delivered.add(i);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransientFailure("interrupted while waiting for Kafka", e, null, delivered, rejected);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                Rejection r = rejection(i, cause);
                if (r != null) {
                    rejected.add(r);
                } else {
                    transientCause = transientCause == null ? cause : transientCause;
                    if (!(cause instanceof RetriableException)) {
                        replaceProducer(cause);
                    }
                }
            }
        }
        if (sendFailure != null && !(sendFailure instanceof RetriableException)) {
            replaceProducer(sendFailure);
        }
        if (transientCause != null) {
            throw new TransientFailure("Kafka " + topic + ": " + transientCause, transientCause, null, delivered, rejected);
        }
        if (!rejected.isEmpty()) {
            throw new PermanentFailure(rejected.size() + " event(s) refused by Kafka topic " + topic, rejected);
        }
    }

    private static Rejection rejection(int index, Throwable cause) {
        if (cause instanceof RecordTooLargeException) {
            return new Rejection(index, "too_large", cause.getMessage());
        }
        if (cause instanceof AuthorizationException || cause instanceof AuthenticationException) {
            return new Rejection(index, "unauthorized", cause.getMessage());
        }
        if (cause instanceof InvalidTopicException) {
            return new Rejection(index, "invalid_topic", cause.getMessage());
        }
        return null;
    }

    private String keyOf(byte[] event) {
        if (keyField == null) {
            return null;
        }
        try {
            JsonNode value = JSON.readTree(event).get(keyField);
            if (value == null || value.isNull()) {
                return null;
            }
            return value.isValueNode() ? value.asText() : value.toString();
        } catch (IOException e) {
            return null;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void replaceProducer(Throwable cause) {
        if (producer != null) {
            LOG.warn("Replacing the Kafka producer after {}", cause.toString());
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
