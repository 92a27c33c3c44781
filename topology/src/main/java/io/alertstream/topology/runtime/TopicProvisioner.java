package io.alertstream.topology.runtime;

import io.alertstream.topology.AlertTopologyConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates alertstream's topics when missing (the compacted {@code rules} topic among them) and reads
 * the input topics' partition count, which bounds the application's parallelism and sizes its
 * fan-out topic. Existing topics are left as they are.
 */
public final class TopicProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    /** Creates what is missing; returns the largest partition count among the input topics. */
    public static int provision(Properties clientProps, AlertTopologyConfig config, int partitions, short replication)
            throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(adminProps(clientProps))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : config.inputTopics()) {
                addIfMissing(missing, existing, new NewTopic(topic, partitions, replication));
            }
            Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            addIfMissing(missing, existing, new NewTopic(config.rulesTopic(), 1, replication).configs(compacted));
            addIfMissing(missing, existing, new NewTopic(config.notifications().routingTopic(), 1, replication).configs(compacted));
            addIfMissing(missing, existing, new NewTopic(config.notifications().notificationsTopic(), partitions, replication));
            addIfMissing(missing, existing, new NewTopic(config.alertsTopic(), partitions, replication));
            addIfMissing(missing, existing, new NewTopic(config.countersTopic(), partitions, replication));
            addIfMissing(missing, existing, new NewTopic(config.deadLetterTopic(), partitions, replication));
            for (String topic : List.of(config.digest().statusTopic(), config.digest().requestTopic(),
                    config.digest().digestTopic(), config.digest().deadLetterTopic())) {
                addIfMissing(missing, existing, new NewTopic(topic, partitions, replication));
            }
            if (!missing.isEmpty()) {
                List<String> created = new ArrayList<>();
                for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> f : admin.createTopics(missing).values().entrySet()) {
                    try {
                        f.getValue().get();
                        created.add(f.getKey());
                    } catch (ExecutionException e) {
                        // Instances starting together race to create the same topics: whoever loses finds them made.
                        if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                LOG.info("Created topics {}", created);
            }
            Map<String, TopicDescription> inputs = admin.describeTopics(config.inputTopics()).allTopicNames().get();
            int max = 0;
            for (TopicDescription d : inputs.values()) {
                max = Math.max(max, d.partitions().size());
            }
            return max;
        }
    }

    private static void addIfMissing(List<NewTopic> missing, Set<String> existing, NewTopic topic) {
        if (!existing.contains(topic.name())) {
            missing.add(topic);
        }
    }

    static Properties adminProps(Properties p) {
        Properties admin = new Properties();
        Map<String, Object> copy = new HashMap<>();
        p.forEach((k, v) -> copy.put(k.toString(), v));
        copy.forEach((k, v) -> {
            if (!k.startsWith("alertstream.")) {
                admin.put(k, v);
            }
        });
        return admin;
    }
}
