package io.alertstream.topology.runtime;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.Topics;
import io.alertstream.topology.sourcefile.Durations;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Creates alertstream's topics when missing (the compacted {@code rules} and {@code routing} topics
 * among them), waits until the cluster serves every one of them, and reads the input topics'
 * partition count, which bounds the application's parallelism and sizes its fan-out topic. Existing
 * topics are left as they are.
 */
public final class TopicProvisioner {
    /** How long provisioning waits for topics to be created and served. */
    public static final String READY_TIMEOUT_CONFIG = AlertTopologyConfig.PREFIX + "topics.ready.timeout";
    public static final String READY_TIMEOUT_DEFAULT = "60s";
    /** The key, with type, default, validator and documentation (the README's table is generated from it). */
    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(READY_TIMEOUT_CONFIG, ConfigDef.Type.STRING, READY_TIMEOUT_DEFAULT,
                    Durations.positiveValidator(), ConfigDef.Importance.LOW,
                    "How long start-up and 'rules apply' wait for the topics they create to be served by the cluster.");

    private TopicProvisioner() {
    }

    /**
     * Creates what is missing and waits until every topic is served; returns the largest partition
     * count among the input topics.
     */
    public static int provision(Properties clientProps, AlertTopologyConfig config, int partitions, short replication)
            throws InterruptedException {
        // Every topic of the registry: inputs, outputs and dead letters with the inputs' partition count, control topics
        // (rules, routing, problems, silences) with one, compacted ones (targets, acks, firing) keyed like the others.
        List<NewTopic> wanted = Topics.all(config).stream()
                .map(t -> t.newTopic(Optional.of(partitions), Optional.of(replication))).toList();
        Map<String, TopicDescription> served = ensure(clientProps, wanted);
        int max = 0;
        for (String input : config.inputTopics()) {
            max = Math.max(max, served.get(input).partitions().size());
        }
        return max;
    }

    /** Creates the missing ones of {@code wanted} and waits until all are served (see {@link TopicEnsurer}). */
    public static Map<String, TopicDescription> ensure(Properties clientProps, List<NewTopic> wanted) throws InterruptedException {
        try (Admin admin = Admin.create(adminProps(clientProps))) {
            return new TopicEnsurer(admin, readyTimeout(clientProps)).ensure(wanted);
        }
    }

    static Duration readyTimeout(Properties p) {
        return Durations.parse((String) CONFIG_DEF.parse(p).get(READY_TIMEOUT_CONFIG));
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
