package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.AlertTopology;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

/**
 * The compacted rules topic feeds a global store on the global thread, where one throw stops the whole
 * application. Given a good rule, when bad records arrive for it (out-of-range durations, malformed JSON or
 * YAML, JSON null, a huge value, no key), then nothing throws, the good version stays in the store, and a
 * later good version is still taken.
 */
class RulesTopicBadRecordTest {
    private static final String GOOD = "{\"id\":\"r1\",\"window\":{\"size\":\"1m\"},\"aggregate\":\"count\",\"triggers\":{\"warning\":{\"above\":1}}}";

    private static String rule(String window) {
        return "{\"id\":\"r1\",\"window\":" + window + ",\"aggregate\":\"count\",\"triggers\":{\"warning\":{\"above\":1}}}";
    }

    @Test
    void shouldSkipEveryBadRuleRecordAndKeepTheLastGoodVersion() throws IOException {
        AlertTopologyConfig config = AlertTopologyConfig.defaults();
        try (TopologyTestDriver driver = driver(config)) {
            TestInputTopic<String, String> rules = driver.createInputTopic(config.rulesTopic(), new StringSerializer(), new StringSerializer());
            KeyValueStore<String, String> store = driver.getKeyValueStore(StoreNames.RULES);
            rules.pipeInput("r1", GOOD);
            assertThat(store.get("r1")).isEqualTo(GOOD);

            rules.pipeInput("r1", rule("{\"size\":\"4294967346ms\",\"advance\":\"1ms\"}"));
            rules.pipeInput("r1", rule("{\"size\":\"99999999999999999999s\"}"));
            rules.pipeInput("r1", rule("{\"size\":\"1m\",\"grace\":\"200000000000d\"}"));
            rules.pipeInput("r1", "{\"id\":\"r1\",\"window\":");               // malformed JSON
            rules.pipeInput("r1", "id: r1\nwindow: [\n  - : :");              // malformed YAML
            rules.pipeInput("r1", "null");                                      // JSON null
            rules.pipeInput("r1", "[" + "[".repeat(10_000) + "]".repeat(10_000) + "]"); // deep nesting
            rules.pipeInput("r1", "{\"id\":\"r1\",\"description\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}"); // 5 MB
            rules.pipeInput("r1", "\u0000\u0001\uFFFF");
            rules.pipeInput("r1", rule("{\"size\":\"1m\"}").replace("\"above\":1", "\"above\":1e400"));
            rules.pipeInput("r2", GOOD);                                        // key is not the rule id
            rules.pipeInput((String) null, GOOD);                               // no key
            rules.pipeInput("r1", rule("{\"size\":\"1m\"}").replace("\"count\"",
                    "\"count\",\"filter\":\"[1,2,3].all(x, [1,2,3].all(y, x + y > 0))\""));
            assertThat(store.get("r1")).as("the last good version").contains("\"filter\"");

            rules.pipeInput("r1", GOOD.replace("1m", "2m"));
            assertThat(store.get("r1")).as("a later good version is taken").contains("2m");
            assertThat(store.get("r2")).isNull();
        }
    }

    private static TopologyTestDriver driver(AlertTopologyConfig config) throws IOException {
        return driver(config, Files.createTempDirectory(Files.createDirectories(Path.of("target", "rules-ttd")), "state-"));
    }

    private static TopologyTestDriver driver(AlertTopologyConfig config, Path state) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "rules-bad-record-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        return new TopologyTestDriver(AlertTopology.build(config), props);
    }
}
