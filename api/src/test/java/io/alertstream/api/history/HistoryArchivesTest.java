package io.alertstream.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiConfig;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The {@code alertstream.api.history.elasticsearch.*} settings: off by default, checked at start. */
class HistoryArchivesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApiConfig config(String... keyValues) {
        Properties p = new Properties();
        p.put(ApiConfig.JWT_SECRET_CONFIG, "history-archives-test-signing-key-0123456789");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return new ApiConfig(p);
    }

    @Test
    void shouldHaveNoArchiveWithoutAUrl() {
        assertThat(HistoryArchives.from(config(), JSON)).isEmpty();
    }

    @Test
    void shouldBuildTheArchiveFromTheSettings() {
        HistoryArchive archive = HistoryArchives.from(config(ApiConfig.HISTORY_ES_URL_CONFIG, "http://127.0.0.1:9200, https://es2:9200",
                ApiConfig.HISTORY_ES_USERNAME_CONFIG, "reader", ApiConfig.HISTORY_ES_PASSWORD_CONFIG, "secret-pw"), JSON).orElseThrow();
        assertThat(archive.describe()).contains("127.0.0.1:9200", "es2:9200", "alerts-*").doesNotContain("secret-pw");
    }

    @Test
    void shouldRefuseCredentialsInTheUrlWithoutEchoingThem() {
        assertThatThrownBy(() -> config(ApiConfig.HISTORY_ES_URL_CONFIG, "http://reader:secret-pw@127.0.0.1:9200"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ApiConfig.HISTORY_ES_USERNAME_CONFIG)
                .hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> config(ApiConfig.HISTORY_ES_URL_CONFIG, "ftp://127.0.0.1:9200")).isInstanceOf(ConfigException.class);
    }

    @Test
    void shouldRefuseAUserWithoutAPassword() {
        assertThatThrownBy(() -> HistoryArchives.from(config(ApiConfig.HISTORY_ES_URL_CONFIG, "http://127.0.0.1:9200",
                ApiConfig.HISTORY_ES_USERNAME_CONFIG, "reader"), JSON)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ApiConfig.HISTORY_ES_PASSWORD_CONFIG);
    }
}
