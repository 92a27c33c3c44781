package io.alertstream.api.auth;

import io.alertstream.api.http.KafkaAcknowledgement;
import io.alertstream.api.ApiTopics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Future;
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

    private void await(Future<?> sent) {
        KafkaAcknowledgement.await(sent, timeout);
    }

    @Override
    public void close() {
        users.close(Duration.ofSeconds(5));
        tokens.close(Duration.ofSeconds(5));
    }
}
