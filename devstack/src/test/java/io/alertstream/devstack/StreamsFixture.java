package io.alertstream.devstack;

import io.alertstream.topology.AlertTopologyConfig;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One isolated alertstream deployment on a shared broker: its own topic names, application id and
 * state directories, so tests in one class never see each other's data.
 */
final class StreamsFixture {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    final String bootstrap;
    final String name;
    final Path stateRoot;
    final Properties base;

    StreamsFixture(String bootstrap, Path tmp, Map<String, String> overrides) throws Exception {
        this.bootstrap = bootstrap;
        this.name = "t" + COUNTER.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        this.stateRoot = Files.createDirectories(tmp.resolve(name));
        Properties flags = new Properties();
        flags.put("bootstrap.servers", bootstrap);
        flags.put("application.id", "app-" + name);
        flags.put("alertstream.topic.events", "events-" + name);
        flags.put("alertstream.topic.rules", "rules-" + name);
        flags.put("alertstream.topic.alerts", "alerts-" + name);
        flags.put("alertstream.topic.counters", "counters-" + name);
        flags.put("alertstream.topic.dead-letter", "dlq-" + name);
        flags.put("alertstream.digest.topic.status-changed", "alarm-status-changed-" + name);
        flags.put("alertstream.digest.topic.send-digest", "send-alarm-digest-" + name);
        flags.put("alertstream.digest.topic.digest", "alarm-digest-" + name);
        flags.put("alertstream.digest.topic.dead-letter", "alarm-status-changed-dlq-" + name);
        flags.put("alertstream.notify.topic.routing", "routing-" + name);
        flags.put("alertstream.notify.topic.notifications", "notifications-" + name);
        flags.put("alertstream.idle.timeout", "5s");
        flags.put("replication.factor", "1");
        flags.putAll(overrides);
        this.base = AppConfig.load(null, Map.of(), flags);
    }

    AlertTopologyConfig config() {
        return AlertTopologyConfig.from(base);
    }

    void createTopics(int partitions) throws Exception {
        TopicProvisioner.provision(base, config(), partitions, (short) 1);
    }

    void publishRules(String yaml) throws Exception {
        RuleSetLoader.RuleSet set = RuleSetLoader.loadSources(Map.of("rules.yaml", yaml));
        if (!set.ok()) {
            throw new AssertionError(set.problems());
        }
        try (RulePublisher publisher = new RulePublisher(base, config().rulesTopic())) {
            publisher.apply(set);
        }
    }

    /** Starts one in-process instance with its own state directory. */
    AlertStreamsApp startInstance(String instance) throws Exception {
        Properties p = new Properties();
        p.putAll(base);
        p.put("state.dir", stateRoot.resolve(instance).toString());
        return AlertStreamsApp.start(p, 4, (short) 1, Duration.ofSeconds(120));
    }

    AlertsReader alerts() {
        return new AlertsReader(bootstrap, config().alertsTopic());
    }
}
