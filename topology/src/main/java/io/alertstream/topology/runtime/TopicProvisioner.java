package io.alertstream.topology.runtime;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.sourcefile.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;

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

    private static final Map<String, String> COMPACTED =
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    private TopicProvisioner() {
    }

    /**
     * Creates what is missing and waits until every topic is served; returns the largest partition
     * count among the input topics.
     */
    public static int provision(Properties clientProps, AlertTopologyConfig config, int partitions, short replication)
            throws InterruptedException {
        List<NewTopic> wanted = new ArrayList<>();
        for (String topic : config.inputTopics()) {
            wanted.add(new NewTopic(topic, partitions, replication));
        }
        wanted.addAll(controlTopics(config, Optional.of(replication)));
        for (String topic : List.of(config.notifications().notificationsTopic(), config.alertsTopic(), config.countersTopic(),
                config.deadLetterTopic(), config.digest().statusTopic(), config.digest().requestTopic(),
                config.digest().digestTopic(), config.digest().deadLetterTopic())) {
            wanted.add(new NewTopic(topic, partitions, replication));
        }
        // Uptime: targets keyed by id and compacted (latest definition wins), partitioned like the others so the probe
        // connector can spread them over its tasks; probes partitioned like the others (the API's stats follow the key).
        wanted.add(new NewTopic(config.targetsTopic(), partitions, replication).configs(COMPACTED));
        wanted.add(new NewTopic(config.probesTopic(), partitions, replication));
        // Acknowledgements: compacted, keyed by alert key like alerts (the API's per-alert history reads them beside alerts).
        wanted.add(new NewTopic(config.notifications().acksTopic(), partitions, replication).configs(COMPACTED));
        // The firing alerts' labels, keyed by alert key and compacted (a tombstone when one resolves): every instance reads
        // it whole as a global store, so it is only as large as what fires now.
        wanted.add(new NewTopic(config.notifications().firingTopic(), partitions, replication).configs(COMPACTED));
        Map<String, TopicDescription> served = ensure(clientProps, wanted);
        int max = 0;
        for (String input : config.inputTopics()) {
            max = Math.max(max, served.get(input).partitions().size());
        }
        return max;
    }

    /** The compacted single-partition topics that {@code rules apply} writes: rules, routing, rule problems and silences. */
    static List<NewTopic> controlTopics(AlertTopologyConfig config, Optional<Short> replication) {
        return List.of(controlTopic(config.rulesTopic(), replication), controlTopic(config.notifications().routingTopic(), replication),
                controlTopic(config.ruleProblemsTopic(), replication), controlTopic(config.notifications().silencesTopic(), replication));
    }

    /**
     * A compacted single-partition topic holding the latest value per key (rules, routing). Without a
     * replication factor the broker's {@code default.replication.factor} applies.
     */
    static NewTopic controlTopic(String name, Optional<Short> replication) {
        return new NewTopic(name, Optional.of(1), replication).configs(COMPACTED);
    }

    /** The compacted targets topic as a publisher that does not know the partition count creates it: the broker's default. */
    static NewTopic targetsTopic(String name) {
        return new NewTopic(name, Optional.empty(), Optional.empty()).configs(COMPACTED);
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
