package io.alertstream.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** What `alertstream api` says when its configuration is wrong: the key, the way to fix it, never the value. */
class ApiConfigTest {

    @Test
    void aMissingSecretShouldNameTheEnvironmentVariableAndTheKey() {
        assertThatThrownBy(() -> new ApiConfig(new Properties())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertstream.api.jwt.secret").hasMessageContaining("ALERTSTREAM_API_JWT_SECRET")
                .hasMessageContaining("openssl rand -base64 48");
    }

    @Test
    void aShortSecretOrABadValueShouldBeRefusedWithoutRepeatingIt() {
        Properties shortSecret = new Properties();
        shortSecret.put("alertstream.api.jwt.secret", "tooShortSecretValue");
        assertThatThrownBy(() -> new ApiConfig(shortSecret)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least 32 bytes").hasMessageNotContaining("tooShortSecretValue");

        Properties badTtl = new Properties();
        badTtl.put("alertstream.api.jwt.secret", "x".repeat(40));
        badTtl.put("alertstream.api.jwt.ttl", "soonish-s3cret");
        assertThatThrownBy(() -> new ApiConfig(badTtl)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertstream.api.jwt.ttl").hasMessageNotContaining("soonish-s3cret");
    }
}
