package io.alertstream.topology.embedded;

import io.alertstream.topology.routing.RoutingFile;
import io.alertstream.topology.routing.RoutingReader;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.AppConfig;
import io.alertstream.topology.runtime.RuleDirectoryWatcher;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
import io.alertstream.topology.runtime.StateSlots;
import io.alertstream.topology.sourcefile.RuleProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the alertstream engine inside your own JVM, as {@code alertstream run} does in its own:
 *
 * <pre>{@code
 * try (RunningAlertstream engine = Alertstream.builder()
 *         .bootstrapServers("broker:9092")
 *         .applicationId("checkout-alerts")
 *         .rules(Path.of("rules"))          // or .rules(Map.of("checkout.yaml", yamlText))
 *         .start()) {
 *     engine.awaitRunning(Duration.ofSeconds(60));
 *     ...
 * }
 * }</pre>
 *
 * <p>Same code, same guarantees as {@code run}: properties are assembled by {@link AppConfig} (exactly-once
 * v2, the dead-letter exception handlers; your {@code property} calls win), missing topics are created,
 * the state directory is locked (a free slot under {@code .alertstream/state} unless {@link Builder#stateDir}
 * is given), and {@link AlertStreamsApp} runs the topology. A rules directory is published and then
 * watched (hot reload, as {@code run --rules}); rules given as text are published once. Without rules,
 * the rules already on the rules topic run. The environment ({@code ALERTSTREAM_KAFKA_*}) is not read:
 * an embedding application says what it wants.
 *
 * <p>Invalid rules fail {@link Builder#start()} with an {@link InvalidRulesException} listing
 * {@code file:line:column: message} for each problem, before anything is started.
 */
public final class Alertstream {
    private static final Logger LOG = LoggerFactory.getLogger(Alertstream.class);

    private Alertstream() {
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the settings; {@link #start()} validates the rules and starts the engine. */
    public static final class Builder {
        private final Properties flags = new Properties();
        private Path rulesDir;
        private Map<String, String> rulesText;
        private int partitions = 4;
        private short replicationFactor = 1;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        public Builder bootstrapServers(String servers) {
            flags.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(servers, "servers"));
            return this;
        }

        /** Kafka Streams application id (default {@code alertstream}); instances with the same one share the work. */
        public Builder applicationId(String id) {
            flags.put(StreamsConfig.APPLICATION_ID_CONFIG, Objects.requireNonNull(id, "id"));
            return this;
        }

        /** A rules directory (rule files and {@code routing.yaml}), published at start and hot-reloaded. */
        public Builder rules(Path dir) {
            this.rulesDir = Objects.requireNonNull(dir, "dir");
            this.rulesText = null;
            return this;
        }

        /**
         * Rule files as file name to YAML text, published once at start (rules on the topic that are not
         * among them are deleted, as {@code rules apply} does). An entry named {@code routing.yaml} is the routing file.
         */
        public Builder rules(Map<String, String> fileNameToYaml) {
            this.rulesText = new LinkedHashMap<>(fileNameToYaml);
            this.rulesDir = null;
            return this;
        }

        /** Any Kafka client, Kafka Streams or {@code alertstream.*} property (TLS, SASL, topic names...). */
        public Builder property(String key, String value) {
            flags.put(key, value);
            return this;
        }

        public Builder properties(Properties properties) {
            flags.putAll(properties);
            return this;
        }

        /** Where the state stores live; locked while running. Default: a free slot under {@code .alertstream/state}. */
        public Builder stateDir(Path dir) {
            flags.put(StreamsConfig.STATE_DIR_CONFIG, dir.toAbsolutePath().toString());
            return this;
        }

        /** Partitions and replication factor for the topics start() creates (default 4 and 1, as {@code run}). */
        public Builder topics(int partitions, short replicationFactor) {
            this.partitions = partitions;
            this.replicationFactor = replicationFactor;
            return this;
        }

        /** How long start() waits for Kafka Streams to be RUNNING before returning anyway (default 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Validates the rules, then starts the engine and publishes them.
         *
         * @throws InvalidRulesException when the rules have problems (nothing is started)
         * @throws IllegalStateException when the state directory is held by another process
         * @throws Exception             when Kafka cannot be reached to create the topics, or the rules directory cannot be read
         */
        public RunningAlertstream start() throws Exception {
            if (flags.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
                throw new IllegalStateException("bootstrapServers is required");
            }
            RulesDirectory given = loadRules();
            if (given != null && !given.ok()) {
                throw new InvalidRulesException(given.problems());
            }
            Properties props = AppConfig.load(null, Map.of(), flags);
            StateSlots.Slot slot = StateSlots.forProperties(props);
            props.put(StreamsConfig.STATE_DIR_CONFIG, slot.dir().toAbsolutePath().toString());
            AlertStreamsApp app = null;
            RulePublisher publisher = null;
            RuleDirectoryWatcher watcher = null;
            try {
                app = AlertStreamsApp.start(props, partitions, replicationFactor, startTimeout);
                if (given != null) {
                    publisher = RulePublisher.forConfig(props, app.config());
                    if (rulesDir != null) {
                        watcher = new RuleDirectoryWatcher(rulesDir, publisher,
                                p -> LOG.warn("Rule problem: {}", p)).start();
                    } else {
                        publisher.apply(given);
                    }
                }
                LOG.info("Embedded alertstream started: application.id={} state={}",
                        props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG), slot.dir());
                return new RunningAlertstream(app, publisher, watcher, slot);
            } catch (Exception | Error e) {
                new RunningAlertstream(app, publisher, watcher, slot).close();
                throw e;
            }
        }

        /** The rules as one validated set; null when none were given. */
        private RulesDirectory loadRules() throws IOException {
            if (rulesDir != null) {
                return RulesDirectory.load(rulesDir);
            }
            if (rulesText == null) {
                return null;
            }
            Map<String, String> ruleFiles = new LinkedHashMap<>();
            Optional<RoutingFile.Source> routing = Optional.empty();
            for (Map.Entry<String, String> e : rulesText.entrySet()) {
                if (RoutingFile.isRoutingFile(Path.of(e.getKey()))) {
                    routing = Optional.of(new RoutingFile.Source(Path.of(e.getKey()), e.getValue()));
                } else {
                    ruleFiles.put(e.getKey(), e.getValue());
                }
            }
            RuleSetLoader.RuleSet rules = RuleSetLoader.loadSources(ruleFiles);
            List<RuleProblem> routingProblems = routing.map(RoutingFile.Source::read).map(RoutingReader.Result::problems).orElse(List.of());
            return new RulesDirectory(Path.of("."), rules, routing, List.copyOf(routingProblems));
        }
    }
}
