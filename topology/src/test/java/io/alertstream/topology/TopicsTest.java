package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.notify.NotifyConfig;
import io.alertstream.topology.watermark.SourceBacklog;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The topic registry is complete: every topic a setting names, and every topic the application's topology reads or
 * writes, is one {@link Topics#all} lists (so the provisioner creates it), with the layout its readers need.
 */
class TopicsTest {
    /** Read by the digest's own alerts bridge, which runs only when the digest runs on its own, not in the application. */
    private static final Set<String> NOT_IN_THE_APPLICATION = Set.of(DigestConfig.ALERTS_TOPIC_CONFIG);

    @Test
    void shouldListTheTopicOfEveryTopicSettingEvenWhenEachIsSetApart() {
        Properties props = new Properties();
        Set<String> settings = topicSettings();
        settings.forEach(key -> props.put(key, "t-" + key));
        AlertTopologyConfig config = AlertTopologyConfig.from(props);

        Set<String> listed = names(Topics.all(config));

        for (String key : settings) {
            if (!NOT_IN_THE_APPLICATION.contains(key)) {
                assertThat(listed).as("the topic of %s", key).contains("t-" + key);
            }
        }
        assertThat(settings).as("the settings found").contains(AlertTopologyConfig.ALERTS_TOPIC_CONFIG, NotifyConfig.FIRING_TOPIC_CONFIG,
                NotifyConfig.DEAD_LETTER_TOPIC_CONFIG, DigestConfig.DEAD_LETTER_TOPIC_CONFIG);
    }

    @Test
    void shouldListEachTopicOnceWhenSettingsFallBackToTheSameTopic() {
        List<Topics.Topic<?, ?>> all = Topics.all(AlertTopologyConfig.defaults());

        assertThat(all).extracting(Topics.Topic::name).doesNotHaveDuplicates()
                .contains("events", "rules", "alerts", "counters", "notifications", "silences", "acks");
    }

    @Test
    void shouldListEveryTopicTheApplicationReadsOrWrites() {
        Properties props = new Properties();
        topicSettings().forEach(key -> props.put(key, "t-" + key));
        AlertTopologyConfig config = AlertTopologyConfig.from(props);

        Set<String> used = new TreeSet<>();
        TopologyDescription description = AlertTopology.build(config, SourceBacklog.unknown()).describe();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node instanceof TopologyDescription.Source source) {
                    used.addAll(source.topicSet());
                } else if (node instanceof TopologyDescription.Sink sink) {
                    used.add(sink.topic());
                }
            }
        }
        description.globalStores().forEach(g -> used.addAll(g.source().topicSet()));
        // Repartition topics are Streams' own (named after the application id at run time).
        used.removeIf(name -> name.endsWith("-repartition") || !name.startsWith("t-"));

        assertThat(names(Topics.all(config))).containsAll(used);
        assertThat(used).as("the topology's topics were found").hasSizeGreaterThan(10);
    }

    @Test
    void shouldCreateEachTopicWithItsLayout() {
        Map<String, NewTopic> created = new java.util.HashMap<>();
        for (Topics.Topic<?, ?> t : Topics.all(AlertTopologyConfig.defaults())) {
            created.put(t.name(), t.newTopic(Optional.of(6), Optional.of((short) 3)));
        }

        assertThat(created.get("rules").numPartitions()).as("a control topic has one partition").isEqualTo(1);
        assertThat(created.get("rules").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(created.get("silences").numPartitions()).isEqualTo(1);
        assertThat(created.get("acks").numPartitions()).as("acks are keyed like alerts").isEqualTo(6);
        assertThat(created.get("acks").configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        assertThat(created.get("alerts").numPartitions()).isEqualTo(6);
        assertThat(created.get("alerts").configs()).as("alerts are history, not compacted").isNullOrEmpty();
        assertThat(created.get("alerts").replicationFactor()).isEqualTo((short) 3);

        NewTopic byPublisher = Topics.TARGETS.named("targets").newTopic(Optional.empty(), Optional.empty());
        assertThat(byPublisher.numPartitions()).as("the broker's default").isEqualTo(-1);
        assertThat(byPublisher.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    /** Every {@code alertstream.*topic.*} key of the application's settings, the sub-topologies' included. */
    private static Set<String> topicSettings() {
        Set<String> keys = new HashSet<>();
        for (ConfigDef def : List.of(AlertTopologyConfig.CONFIG_DEF, NotifyConfig.CONFIG_DEF, DigestConfig.CONFIG_DEF)) {
            def.names().stream().filter(k -> k.contains(".topic.")).forEach(keys::add);
        }
        return keys;
    }

    private static Set<String> names(List<Topics.Topic<?, ?>> topics) {
        Set<String> names = new TreeSet<>();
        topics.forEach(t -> names.add(t.name()));
        return names;
    }
}
