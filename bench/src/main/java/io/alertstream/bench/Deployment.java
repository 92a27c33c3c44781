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
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * One scenario's topics on the shared embedded broker (events, rules, alerts, ... with a unique
 * prefix) and the alertstream instances run against them, in this JVM ({@link #start()}) or as
 * {@code alertstream run} in a child JVM ({@link #startProcess()}). Each repetition starts a new instance
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
    /**
     * JVM options of the {@code alertstream run} child JVMs ({@link #startProcess()}): a fixed heap
     * cap, because the JVM's default (a quarter of the machine's memory) would let the heap, and with
     * it the RSS being measured, grow with the machine instead of with the application. Set by
     * {@link BenchMain} ({@code --app-jvm-options}).
     */
    static final List<String> CHILD_JVM_OPTIONS = new java.util.concurrent.CopyOnWriteArrayList<>(List.of("-Xmx1g"));
    private static final int PARTITIONS = 4;
    private static final short REPLICATION = 1;
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
        TopicProvisioner.provision(base, config(), partitions, REPLICATION);
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

    /** A new instance in this JVM, with its own application id and state directory; returns when RUNNING. */
    Instance start() throws Exception {
        Properties p = nextInstance();
        String id = p.getProperty("application.id");
        Path stateDir = Path.of(p.getProperty("state.dir"));
        return new InProcess(id, stateDir, AlertStreamsApp.start(p, PARTITIONS, REPLICATION, Duration.ofSeconds(120)));
    }

    /**
     * A new instance as {@code alertstream run} in a child JVM ({@link AppProcess}), with the
     * configuration {@link #start()} would give; returns when it is RUNNING. Its config file and log
     * go to this deployment's directory.
     */
    AppProcess startProcess() throws Exception {
        Properties p = nextInstance();
        return AppProcess.start(p, PARTITIONS, REPLICATION, stateRoot, List.copyOf(CHILD_JVM_OPTIONS));
    }

    /** The next instance's properties: the base plus its own application id and state directory. */
    private Properties nextInstance() {
        String id = name + "-app-" + (++instances);
        Properties p = new Properties();
        p.putAll(base);
        p.put("application.id", id);
        p.put("state.dir", stateRoot.resolve(id).toString());
        return p;
    }

    /** The repartition topic between fan-out and aggregation of an application (drained when the run is done). */
    static String fanOutTopic(String applicationId) {
        return applicationId + "-fan-out-repartition";
    }

    /** A running instance, in this JVM or a child one: its application id (also its consumer group) and state directory. */
    interface Instance extends AutoCloseable {
        String applicationId();

        Path stateDir();

        default String fanOutTopic() {
            return Deployment.fanOutTopic(applicationId());
        }

        /** Fails when the instance can no longer make progress (a child JVM that exited), so waits end early. */
        default void checkAlive() {
        }

        @Override
        void close();
    }

    /** An instance in this JVM: shares the heap, the JIT and the process's RSS with the broker and the harness. */
    record InProcess(String applicationId, Path stateDir, AlertStreamsApp app) implements Instance {
        @Override
        public void close() {
            app.close();
        }
    }
}
