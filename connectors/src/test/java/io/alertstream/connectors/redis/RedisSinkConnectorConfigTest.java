package io.alertstream.connectors.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** Redis sink config: URI versus host/port, credentials precedence, validation. */
class RedisSinkConnectorConfigTest {

    @Test
    void shouldConnectToLocalhostByDefault() {
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(Map.of());
        assertThat(config.endpoint()).isEqualTo(new RedisEndpoint("127.0.0.1", 6379, 0, null, null, false));
        assertThat(config.keyPrefix()).isEqualTo("alertstream:counter:");
        assertThat(config.ttlMs()).isEqualTo(-1);
        assertThat(config.ttlWindowFactor()).isEqualTo(10);
        assertThat(config.batchSize()).isEqualTo(500);
    }

    @Test
    void uriShouldGiveHostPortDatabaseCredentialsAndTls() {
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(Map.of(
                "redis.uri", "rediss://sink:pw@redis.example:6380/3", "redis.host", "ignored"));
        assertThat(config.endpoint()).isEqualTo(new RedisEndpoint("redis.example", 6380, 3, "sink", "pw", true));
    }

    @Test
    void explicitCredentialsShouldWinOverTheUri() {
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(Map.of(
                "redis.uri", "redis://:old@127.0.0.1:6379", "redis.user", "acl", "redis.password", "new"));
        assertThat(config.endpoint().user()).isEqualTo("acl");
        assertThat(config.endpoint().password()).isEqualTo("new");
    }

    @Test
    void endpointDescriptionAndLoggedConfigShouldHideThePassword() {
        RedisSinkConnectorConfig config = new RedisSinkConnectorConfig(Map.of("redis.password", "hunter2"));
        assertThat(config.endpoint().toString()).doesNotContain("hunter2").contains("with password");
        RedisSinkConnectorConfig fromUri = new RedisSinkConnectorConfig(Map.of("redis.uri", "redis://:hunter2@h:1"));
        assertThat(fromUri.endpoint().password()).isEqualTo("hunter2");
        // AbstractConfig logs and prints its values: a URI may carry the password, so it is a Password type.
        assertThat(fromUri.values().toString()).doesNotContain("hunter2");
    }

    @Test
    void aBrokenUriShouldFailWithoutEchoingIt() {
        assertThatThrownBy(() -> new RedisSinkConnectorConfig(Map.of("redis.uri", "http://:secret@host")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("redis.uri")
                .hasMessageNotContaining("secret");
    }

    @Test
    void validateShouldFlagAUserWithoutPassword() {
        Map<String, String> props = new HashMap<>(Map.of("redis.user", "sink"));
        Config result = new RedisSinkConnector().validate(props);
        assertThat(errors(result, "redis.password")).anyMatch(m -> m.contains("no password"));
    }

    @Test
    void validateShouldRejectAnUnknownBehavior() {
        Config result = new RedisSinkConnector().validate(Map.of("behavior.on.malformed.records", "retry"));
        assertThat(errors(result, "behavior.on.malformed.records")).anyMatch(m -> m.contains("fail, warn, ignore"));
    }

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElse(List.of());
    }
}
