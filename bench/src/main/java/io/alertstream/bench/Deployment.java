package io.alertstream.bench;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.TopicProvisioner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * One scenario's topics on the shared embedded broker (events, rules, alerts, ... with a unique
 * prefix) and the alertstream instances run against them. Each repetition starts a new instance
 * with a new {@code application.id} and an empty state directory, so it reads the same pre-loaded
 * events from the beginning as a fresh deployment would. Configuration is the default (exactly-once
 * v2) plus the overrides given.
 */
final class Deployment {
    /**
     * Settings given with {@code --config key=value}, applied to every instance of the run after the
     * scenario's own (to try a setting on every section without a code change). Set once by {@link BenchMain}.
     */
    static final Map<String, String> RUN_OVERRIDES = new java.util.concurrent.ConcurrentHashMap<>();
    final String bootstrap;
    final String name;
    final Path stateRoot;
    private final Properties base;
    private int instances;

    Deployment(String bootstrap, Path workDir, String name, Map<String, String> overrides) throws Exception {
        this.bootstrap = bootstrap;
        this.name = name;
        this.stateRoot = Files.createDirectories(workDir.resolve(name));
        Properties flags = new Properties();
        flags.put("bootstrap.servers", bootstrap);
        flags.put("alertstream.topic.events", name + "-events");
        flags.put("alertstream.topic.rules", name + "-rules");
        flags.put("alertstream.topic.alerts", name + "-alerts");
        flags.put("alertstream.topic.counters", name + "-counters");
        flags.put("alertstream.topic.dead-letter", name + "-dlq");
        flags.put(DigestConfig.STATUS_TOPIC_CONFIG, name + "-digest-status");
        flags.put(DigestConfig.REQUEST_TOPIC_CONFIG, name + "-digest-requests");
        flags.put(DigestConfig.DIGEST_TOPIC_CONFIG, name + "-digests");
        flags.put(DigestConfig.DEAD_LETTER_TOPIC_CONFIG, name + "-digest-dlq");
        flags.put("replication.factor", "1");
        flags.putAll(overrides);
        flags.putAll(RUN_OVERRIDES);
        this.base = AppConfig.load(null, Map.of(), flags);
    }

    private Deployment(Deployment topics, String name, Map<String, String> overrides) throws Exception {
        this.bootstrap = topics.bootstrap;
        this.name = name;
        this.stateRoot = Files.createDirectories(topics.stateRoot.resolveSibling(name));
        this.base = new Properties();
        this.base.putAll(topics.base);
        this.base.putAll(overrides);
    }

    /** The same topics (and pre-loaded events) under another name, with more config overrides. */
    Deployment variant(String suffix, Map<String, String> overrides) throws Exception {
        return new Deployment(this, name + suffix, overrides);
    }

    AlertTopologyConfig config() {
        return AlertTopologyConfig.from(base);
    }

    String eventsTopic() {
        return config().inputTopics().get(0);
    }

    /** Creates the scenario's topics and waits until the broker serves them. */
    void createTopics(int partitions) throws Exception {
        TopicProvisioner.provision(base, config(), partitions, (short) 1);
    }

    void publishRules(String yaml) throws Exception {
        publish(compileRules(yaml));
    }

    /** Reads, compiles and validates rules as {@code alertstream rules apply} does; fails on any problem. */
    static RuleSetLoader.RuleSet compileRules(String yaml) {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("bench.yaml", yaml));
        if (!set.ok()) {
            throw new IllegalStateException("bench rules do not load: " + set.problems());
        }
        return set;
    }

    /** Publishes compiled rules to this scenario's rules topic, as {@code alertstream rules apply} does. */
    void publish(RuleSetLoader.RuleSet set) throws Exception {
        try (RulePublisher publisher = new RulePublisher(base, config().rulesTopic())) {
            publisher.apply(set);
        }
    }

    /** A new instance with its own application id and state directory; returns when RUNNING. */
    Instance start() throws Exception {
        String id = name + "-app-" + (++instances);
        Properties p = new Properties();
        p.putAll(base);
        p.put("application.id", id);
        Path stateDir = stateRoot.resolve(id);
        p.put("state.dir", stateDir.toString());
        return new Instance(id, stateDir, AlertStreamsApp.start(p, 4, (short) 1, Duration.ofSeconds(120)));
    }

    /** A running instance: its application id (also its consumer group) and state directory. */
    record Instance(String applicationId, Path stateDir, AlertStreamsApp app) implements AutoCloseable {
        String fanOutTopic() {
            return applicationId + "-fan-out-repartition";
        }

        @Override
        public void close() {
            app.close();
        }
    }
}
