package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The alertstream.digest.* keys: defaults, parsing, and errors that name the key to change. */
class DigestConfigTest {

    private static Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    @Test
    void shouldDefaultToTheDocumentedTopicsAndSevenDaysOfRetention() {
        DigestConfig c = DigestConfig.defaults();
        assertThat(c.statusTopic()).isEqualTo("alarm-status-changed");
        assertThat(c.requestTopic()).isEqualTo("send-alarm-digest");
        assertThat(c.digestTopic()).isEqualTo("alarm-digest");
        assertThat(c.deadLetterTopic()).isEqualTo("alarm-status-changed.dlq");
        assertThat(c.alertsTopic()).isEqualTo("alerts");
        assertThat(c.bridgeEnabled()).isTrue();
        assertThat(c.clearedRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(c.purgeInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxAlarmsPerUser()).isEqualTo(1000);
        assertThat(c.maxIdLength()).isEqualTo(256);
    }

    @Test
    void shouldReadEveryKey() {
        DigestConfig c = DigestConfig.from(props(
                "alertstream.digest.topic.status-changed", "s", "alertstream.digest.topic.send-digest", "r",
                "alertstream.digest.topic.digest", "d", "alertstream.digest.topic.dead-letter", "dlq",
                "alertstream.digest.topic.alerts", "a", "alertstream.digest.bridge.enabled", "false",
                "alertstream.digest.cleared.retention", "36h", "alertstream.digest.purge.interval", "30s",
                "alertstream.digest.max.alarms.per.user", "50", "alertstream.digest.max.id.length", "64",
                "alertstream.digest.schedule.check.interval", "2s", "application.id", "ignored"));
        assertThat(c).isEqualTo(new DigestConfig("s", "r", "d", "dlq", "a", false, Duration.ofHours(36), Duration.ofSeconds(30),
                50, 64, Duration.ofSeconds(2)));
    }

    @Test
    void shouldFollowTheApplicationsAlertsTopicUnlessTheDigestOneIsSet() {
        assertThat(DigestConfig.from(props("alertstream.topic.alerts", "prod-alerts")).alertsTopic()).isEqualTo("prod-alerts");
        assertThat(DigestConfig.from(props("alertstream.topic.alerts", "prod-alerts", "alertstream.digest.topic.alerts", "mine"))
                .alertsTopic()).isEqualTo("mine");
    }

    @ParameterizedTest
    @CsvSource({
            "alertstream.digest.cleared.retention, a week",
            "alertstream.digest.cleared.retention, 0s",
            "alertstream.digest.purge.interval, -5m",
            "alertstream.digest.max.alarms.per.user, 0",
            "alertstream.digest.max.id.length, many",
            "alertstream.digest.bridge.enabled, maybe",
            "alertstream.digest.topic.digest, ''"})
    void shouldRefuseABadValueNamingItsKey(String key, String value) {
        assertThatThrownBy(() -> DigestConfig.from(props(key, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key);
    }

    @Test
    void shouldRefuseTopicsThatCollide() {
        assertThatThrownBy(() -> DigestConfig.from(props("alertstream.digest.topic.digest", "alarm-status-changed")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertstream.digest.topic.digest=alarm-status-changed")
                .hasMessageContaining("alertstream.digest.topic.status-changed=alarm-status-changed");
        assertThatThrownBy(() -> DigestConfig.from(props("alertstream.digest.topic.alerts", "alarm-digest")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertstream.digest.topic.alerts");
    }

    @Test
    void shouldDocumentEveryKey() {
        assertThat(DigestConfig.CONFIG_DEF.names()).allMatch(n -> n.startsWith(DigestConfig.PREFIX)).hasSize(11);
        DigestConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }
}
