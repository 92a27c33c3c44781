package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    private static List<String> kafkaKeys(ConfigDef.Type type) {
        List<String> keys = new ArrayList<>();
        for (ConfigDef def : List.of(StreamsConfig.configDef(), ProducerConfig.configDef(), ConsumerConfig.configDef(),
                AdminClientConfig.configDef())) {
            def.configKeys().values().stream().filter(k -> k.type == type).forEach(k -> keys.add(k.name));
        }
        return keys;
    }

    @Test
    void shouldHideEveryKeyKafkaTypesAsAPasswordWithAndWithoutClientPrefixes() {
        List<String> passwords = kafkaKeys(ConfigDef.Type.PASSWORD);
        assertThat(passwords).contains("ssl.key.password", "sasl.jaas.config", "ssl.keystore.key",
                "sasl.oauthbearer.assertion.private.key.passphrase");
        for (String key : passwords) {
            for (String prefix : List.of("", "producer.", "consumer.", "main.consumer.", "restore.consumer.",
                    "global.consumer.", "admin.")) {
                assertThat(AppConfig.isSecret(prefix + key)).as(prefix + key).isTrue();
            }
        }
    }

    @Test
    void shouldHideSecretsByNameForKeysKafkaDoesNotKnow() {
        for (String key : List.of("basic.auth.user.info", "schema.registry.basic.auth.user.info", "foo.password",
                "x.ssl.key.passphrase", "listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config", "alertstream.webhook.key",
                "SASL.JAAS.CONFIG", "alertstream.api.token", "alertstream.jwt.secret", "aws.credentials")) {
            assertThat(AppConfig.isSecret(key)).as(key).isTrue();
        }
    }

    @Test
    void shouldShowOrdinaryKeys() {
        for (String key : List.of("bootstrap.servers", "application.id", "security.protocol", "sasl.mechanism",
                "ssl.keystore.location", "ssl.truststore.type", "default.key.serde", "alertstream.input.topics",
                "num.stream.threads", "max.task.idle.ms")) {
            assertThat(AppConfig.isSecret(key)).as(key).isFalse();
        }
    }

    @Test
    void shouldMaskSecretValuesInTheDescription() {
        Properties p = new Properties();
        p.put("bootstrap.servers", "127.0.0.1:9092");
        p.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"s3cr3t\";");
        p.put("producer.ssl.key.password", "k3y-pass");
        p.put("ssl.keystore.key", "-----BEGIN PRIVATE KEY-----");
        String text = AppConfig.describe(p);
        assertThat(text).contains("127.0.0.1:9092").doesNotContain("s3cr3t").doesNotContain("k3y-pass")
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void shouldReadKafkaAndAlertstreamKeysFromTheEnvironment() {
        Properties p = AppConfig.fromEnvironment(Map.of("ALERTSTREAM_KAFKA_SASL_JAAS_CONFIG", "x",
                "ALERTSTREAM_IDLE_TIMEOUT", "5s", "ALERTSTREAM_HOME", "/opt"));
        assertThat(p).containsEntry("sasl.jaas.config", "x").containsEntry("alertstream.idle.timeout", "5s").hasSize(2);
    }
}
