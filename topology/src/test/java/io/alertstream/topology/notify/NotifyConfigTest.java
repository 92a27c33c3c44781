package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class NotifyConfigTest {

    @Test
    void shouldDefaultAndReadEveryKey() {
        assertThat(NotifyConfig.defaults()).isEqualTo(new NotifyConfig("routing", "notifications", "alerts", Duration.ofSeconds(1), 500));
        Properties p = new Properties();
        p.put("alertstream.notify.topic.routing", "r");
        p.put("alertstream.notify.topic.notifications", "n");
        p.put("alertstream.topic.alerts", "prod-alerts");
        p.put("alertstream.notify.check.interval", "250ms");
        p.put("alertstream.notify.max.alerts.per.group", "20");
        assertThat(NotifyConfig.from(p)).isEqualTo(new NotifyConfig("r", "n", "prod-alerts", Duration.ofMillis(250), 20));
        p.put("alertstream.notify.topic.alerts", "mine");
        assertThat(NotifyConfig.from(p).alertsTopic()).isEqualTo("mine");
    }

    @Test
    void shouldReadTheDeadLetterTopicAndTheBoundsWithTheirDefaults() {
        NotifyConfig defaults = NotifyConfig.defaults();
        assertThat(defaults.deadLetterTopic()).isEqualTo("events.dlq");
        assertThat(defaults.maxAlertsPerNotification()).isEqualTo(100);
        assertThat(defaults.maxGroupBytes()).isEqualTo(512 * 1024);
        Properties p = new Properties();
        p.put("alertstream.topic.dead-letter", "app.dlq");
        assertThat(NotifyConfig.from(p).deadLetterTopic()).as("follows the application's dead-letter topic").isEqualTo("app.dlq");
        p.put("alertstream.notify.topic.dead-letter", "notify.dlq");
        p.put("alertstream.notify.max.alerts.per.notification", "10");
        p.put("alertstream.notify.max.group.bytes", "100000");
        NotifyConfig c = NotifyConfig.from(p);
        assertThat(c.deadLetterTopic()).isEqualTo("notify.dlq");
        assertThat(c.maxAlertsPerNotification()).isEqualTo(10);
        assertThat(c.maxGroupBytes()).isEqualTo(100000);
        p.put("alertstream.notify.max.group.bytes", "100");
        assertThatThrownBy(() -> NotifyConfig.from(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertstream.notify.max.group.bytes");
    }

    @Test
    void shouldNameTheBadKey() {
        Properties p = new Properties();
        p.put("alertstream.notify.check.interval", "often");
        assertThatThrownBy(() -> NotifyConfig.from(p)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("alertstream.notify.check.interval");
    }

    @Test
    void shouldDocumentEveryKey() {
        NotifyConfig.CONFIG_DEF.configKeys().values().forEach(k -> assertThat(k.documentation).as(k.name).isNotBlank());
    }
}
