package io.alertstream.api.auth;

import io.alertstream.api.ApiTopics;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes accounts and tokens to their compacted topics with an idempotent producer (acks=all) and
 * waits for the acknowledgement: a write the brokers did not take answers 503, never success.
 */
public final class AccountWriter implements AutoCloseable {
    private final KafkaProducer<String, Account> users;
    private final KafkaProducer<String, ApiToken> tokens;
    private final ApiTopics topics;
    private final Duration timeout;

    public AccountWriter(Properties clientProps, ApiTopics topics, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout.toMillis()));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 1000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 1000)));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "alertstream-api-accounts-" + java.util.UUID.randomUUID());
        this.users = new KafkaProducer<>(p, new StringSerializer(), AccountStores.ACCOUNT_SERDE.serializer());
        this.tokens = new KafkaProducer<>(p, new StringSerializer(), AccountStores.TOKEN_SERDE.serializer());
        this.topics = topics;
        this.timeout = timeout;
    }

    public void write(Account a) {
        await(users.send(new ProducerRecord<>(topics.users(), AccountStores.usersKey(a), a)));
    }

    public void write(ApiToken t) {
        await(tokens.send(new ProducerRecord<>(topics.tokens(), t.id(), t)));
    }

    private void await(java.util.concurrent.Future<?> sent) {
        try {
            sent.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e.getCause() == null ? e.toString() : e.getCause().getClass().getSimpleName());
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(Problem.of(503, "kafka-unavailable", "Service unavailable",
                "Kafka did not acknowledge the write (" + why + "); nothing was changed that you can rely on, retry shortly"),
                Map.of("Retry-After", "5"));
    }

    @Override
    public void close() {
        users.close(Duration.ofSeconds(5));
        tokens.close(Duration.ofSeconds(5));
    }
}
