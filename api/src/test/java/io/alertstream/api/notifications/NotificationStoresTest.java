package io.alertstream.api.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.api.ApiTopology;
import io.alertstream.topology.model.Alert;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notification history in the API topology (TopologyTestDriver on {@link ApiTopology#build}): each notification is
 * kept under every alert it names, through the repartition by alert key; a bad record is skipped; the flapping store
 * follows the newest notification.
 */
class NotificationStoresTest {
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> notifications;
    private KeyValueStore<String, SentNotifications> history;
    private KeyValueStore<String, Alert> flapping;

    @BeforeEach
    void start() {
        ApiTopics topics = new ApiTopics("users", "api-tokens", "events", "alerts", "rules", "rule-problems");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "notification-stores-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ApiTopology.build(topics), p);
        notifications = driver.createInputTopic(topics.notifications(), new StringSerializer(), new StringSerializer());
        history = driver.getKeyValueStore(ApiStores.NOTIFICATIONS);
        flapping = driver.getKeyValueStore(ApiStores.FLAPPING);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String notification(String id, String at, String kind, String alerts) {
        return "{\"id\":\"" + id + "\",\"receiver\":\"oncall\",\"channel\":\"email\",\"kind\":\"" + kind
                + "\",\"email\":{\"to\":[\"oncall@example.com\"]},\"createdAt\":\"" + at + "\",\"alerts\":[" + alerts + "]}";
    }

    private static String alert(String key, String status, boolean flapping) {
        return "{\"id\":\"t-" + key + status + "\",\"alertKey\":\"" + key + "\",\"ruleId\":\"errors\",\"status\":\"" + status + "\""
                + (flapping ? ",\"flapping\":true" : "") + "}";
    }

    @Test
    void shouldKeepANotificationUnderEveryAlertItNamesOnceAndSkipWhatIsNotOne() {
        notifications.pipeInput("n1", notification("n1", "2026-12-03T08:00:00Z", "firing",
                alert("k1", "FIRING", false) + "," + alert("k2", "FIRING", false)));
        notifications.pipeInput("n1", notification("n1", "2026-12-03T08:00:00Z", "firing", alert("k1", "FIRING", false)));
        notifications.pipeInput("bad", "not json");
        notifications.pipeInput("n2", notification("n2", "2026-12-03T08:05:00Z", "resolved", alert("k1", "RESOLVED", false)));

        assertThat(history.get("k1").items()).extracting(SentNotification::id, SentNotification::kind, SentNotification::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n1", "firing", "FIRING"),
                        org.assertj.core.groups.Tuple.tuple("n2", "resolved", "RESOLVED"));
        assertThat(history.get("k2").items()).extracting(SentNotification::recipients).containsExactly(java.util.List.of("oncall@example.com"));
    }

    @Test
    void shouldListAnAlertAsFlappingFromItsFlappingNoticeUntilANewerNotificationIsNotOne() {
        notifications.pipeInput("n1", notification("n1", "2026-12-03T08:00:00Z", "firing", alert("k1", "FIRING", true)));
        assertThat(flapping.get("k1")).isNotNull();
        assertThat(history.get("k1").flapping()).isTrue();

        notifications.pipeInput("n2", notification("n2", "2026-12-03T08:10:00Z", "repeat", alert("k1", "FIRING", false)));
        assertThat(flapping.get("k1")).isNull();
        assertThat(history.get("k1").flapping()).isFalse();
    }
}
