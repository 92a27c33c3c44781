package io.alertstream.topology.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.rules.RuleSetLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Topic provisioning against a real, freshly started broker that never auto-creates topics: whatever
 * {@link TopicProvisioner} returns from is served at once (describe, produce), however many times and
 * however many instances provision the same topics together.
 */
class TopicProvisionerIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startFreshBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldServeEveryProvisionedTopicAtOnceManyTimesOver() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
             KafkaProducer<String, String> producer = producer(Duration.ofSeconds(5))) {
            for (int round = 0; round < 25; round++) {
                Properties props = deployment("round" + round);
                AlertTopologyConfig config = AlertTopologyConfig.from(props);

                int partitions = TopicProvisioner.provision(props, config, 3, (short) 1);

                assertThat(partitions).isEqualTo(3);
                List<String> all = new ArrayList<>(config.inputTopics());
                all.addAll(List.of(config.rulesTopic(), config.alertsTopic(), config.countersTopic(), config.deadLetterTopic(),
                        config.notifications().routingTopic(), config.notifications().notificationsTopic(),
                        config.digest().statusTopic(), config.digest().requestTopic(), config.digest().digestTopic()));
                Map<String, TopicDescription> described = admin.describeTopics(all).allTopicNames().get();
                assertThat(described).containsOnlyKeys(all);
                // Produce with a short max.block.ms: a topic not yet in the metadata would block and fail.
                producer.send(new ProducerRecord<>(config.inputTopics().get(0), "k", "{}")).get();
                producer.send(new ProducerRecord<>(config.alertsTopic(), "k", "{}")).get();
            }
        }
    }

    @Test
    void shouldLetInstancesStartingTogetherAllProvisionTheSameTopics() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                Properties props = deployment("together" + round);
                AlertTopologyConfig config = AlertTopologyConfig.from(props);
                List<Callable<Integer>> instances = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    instances.add(() -> TopicProvisioner.provision(props, config, 2, (short) 1));
                }
                for (Future<Integer> f : pool.invokeAll(instances)) {
                    assertThat(f.get()).isEqualTo(2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldCreateTheRulesAndRoutingTopicsWhenRulesAreAppliedBeforeAnyInstanceRuns() throws Exception {
        Properties props = deployment("apply-first");
        AlertTopologyConfig config = AlertTopologyConfig.from(props);
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("r.yaml", """
                rules:
                  - id: errors
                    filter: event.kind == "error"
                    window: {size: 30s}
                    aggregate: count
                    triggers:
                      warning: {above: 3}
                """));
        assertThat(set.problems()).isEmpty();

        try (RulePublisher publisher = RulePublisher.forConfig(props, config)) {
            assertThat(publisher.apply(set).upserted()).containsExactly("errors");
            assertThat(publisher.published()).containsOnlyKeys("errors");
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicDescription rules = admin.describeTopics(List.of(config.rulesTopic())).allTopicNames().get().get(config.rulesTopic());
            assertThat(rules.partitions()).hasSize(1);
            String policy = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, config.rulesTopic()))).all().get()
                    .values().iterator().next().get("cleanup.policy").value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void shouldNameTheTopicsAndTheSettingWhenTheClusterDoesNotServeThemInTime() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put(TopicProvisioner.READY_TIMEOUT_CONFIG, "2s");
        // A replication factor the one broker cannot give fails at once with a hint.
        assertThatThrownBy(() -> TopicProvisioner.ensure(props, List.of(new NewTopic("too-replicated", 1, (short) 3))))
                .hasMessageContaining("too-replicated").hasMessageContaining("--replication-factor");
    }

    private static Properties deployment(String name) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        for (String key : List.of("topic.events", "topic.rules", "topic.alerts", "topic.counters", "topic.dead-letter",
                "digest.topic.status-changed", "digest.topic.send-digest", "digest.topic.digest", "digest.topic.dead-letter",
                "notify.topic.routing", "notify.topic.notifications")) {
            p.put("alertstream." + key, key.replace('.', '-') + "-" + name);
        }
        return p;
    }

    private static KafkaProducer<String, String> producer(Duration maxBlock) {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) maxBlock.toMillis());
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
