package io.alertstream.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.api.ApiTopology;
import io.alertstream.topology.notify.Ack;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The acks of each alert in the API topology (TopologyTestDriver on {@link ApiTopology#build}): appended, each once, bounded. */
class AckViewsTest {
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> acks;
    private KeyValueStore<String, AckViews.AckList> store;

    @BeforeEach
    void start() {
        ApiTopics topics = new ApiTopics("users", "api-tokens", "events", "alerts", "rules", "rule-problems");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "ack-views-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(ApiTopology.build(topics), p);
        acks = driver.createInputTopic(topics.acks(), new StringSerializer(), new StringSerializer());
        store = driver.getKeyValueStore(ApiStores.ACKS);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static String ack(String key, String id, String user) {
        return "{\"alertKey\":\"" + key + "\",\"startsAt\":\"2026-12-01T10:00:00Z\",\"user\":\"" + user
                + "\",\"at\":\"2026-12-01T10:05:00Z\",\"id\":\"" + id + "\"}";
    }

    @Test
    void shouldListEachAckOfAnAlertOnceOldestFirst() {
        acks.pipeInput("k1", ack("k1", "a1", "alice"));
        acks.pipeInput("k1", ack("k1", "a2", "bob"));
        acks.pipeInput("k1", ack("k1", "a1", "alice"));
        assertThat(store.get("k1").items()).extracting(Ack::user).containsExactly("alice", "bob");
    }

    @Test
    void shouldSkipWhatIsNotAnAckOfItsKeyAndKeepAtMostTheBound() {
        acks.pipeInput("k1", "not json");
        acks.pipeInput("k1", ack("k2", "x", "alice"));
        assertThat(store.get("k1")).isNull();
        for (int i = 0; i < AckViews.MAX + 5; i++) {
            acks.pipeInput("k1", ack("k1", "a" + i, "u" + i));
        }
        assertThat(store.get("k1").items()).hasSize(AckViews.MAX).first().extracting(Ack::user).isEqualTo("u5");
    }
}
