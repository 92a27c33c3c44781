package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.StoreNames;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both inputs reach the digest processor through one repartition topic keyed by UserID, whatever key
 * (or none) the producer used, so a user's alarms and requests always meet in one task.
 */
class DigestRepartitionTest {
    private static final String REPARTITION_TOPIC = DigestHarness.APPLICATION_ID + "-" + DigestTopology.BY_USER_REPARTITION
            + "-repartition";

    private final DigestHarness harness = new DigestHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldKeyEveryInputByUserIdInTheRepartitionTopicWhateverItsOriginalKey() {
        harness.change(null, "alice", "a1", "WARNING", "2021-06-07T20:40:15Z");
        harness.change("bob", "alice", "a2", "CRITICAL", "2021-06-07T20:40:16Z");
        harness.change("some-partitioning-key", "carol", "a1", "WARNING", "2021-06-07T20:40:17Z");
        harness.request("carol", "alice");
        harness.request(null, "carol");

        List<TestRecord<String, byte[]>> repartitioned = harness.driver()
                .createOutputTopic(REPARTITION_TOPIC, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList();
        assertThat(repartitioned).extracting(TestRecord::key).containsExactly("alice", "alice", "carol", "alice", "carol");
        assertThat(harness.digests()).extracting(AlarmDigest::userId, d -> d.activeAlarms().size())
                .containsExactly(tuple("alice", 2), tuple("carol", 1));
    }

    @Test
    void shouldFeedTheDigestProcessorOnlyFromTheRepartitionTopicWhichBothInputsWrite() {
        TopologyDescription description = harness.topology().describe();
        TopologyDescription.Subtopology digest = description.subtopologies().stream()
                .filter(s -> names(s).contains("digest-process"))
                .findFirst().orElseThrow();
        Set<String> digestSources = digest.nodes().stream()
                .filter(n -> n instanceof TopologyDescription.Source)
                .flatMap(n -> ((TopologyDescription.Source) n).topicSet().stream())
                .collect(Collectors.toSet());
        assertThat(digestSources).containsExactly(DigestTopology.BY_USER_REPARTITION + "-repartition");
        assertThat(digest.nodes()).filteredOn(n -> n.name().equals("digest-process"))
                .singleElement()
                .satisfies(n -> assertThat(((TopologyDescription.Processor) n).stores())
                        .containsExactlyInAnyOrder(StoreNames.DIGEST_USER_ALARMS, StoreNames.DIGEST_CLEARED_INDEX, StoreNames.DIGEST_SCHEDULE));

        TopologyDescription.Subtopology inputs = description.subtopologies().stream()
                .filter(s -> names(s).contains("digest-status-parse"))
                .findFirst().orElseThrow();
        assertThat(names(inputs)).contains("digest-request-parse", "digest-by-user-repartition-sink");
    }

    private static Set<String> names(TopologyDescription.Subtopology s) {
        return s.nodes().stream().map(TopologyDescription.Node::name).collect(Collectors.toSet());
    }
}
