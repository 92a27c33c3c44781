package io.alertstream.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one server) running in this JVM.
 *
 * <p>Input: optional data directory, broker port and broker property overrides (see {@link Builder}).
 * Output: a PLAINTEXT listener at {@link #bootstrapServers()}. Semantics: the storage is formatted
 * only when it has no {@code meta.properties}, always with the same cluster id, so {@link #restart()}
 * (and a later JVM given the same {@code dataDir}) finds its topics, records and committed offsets.
 * Topics are never auto-created: use {@link #createTopic}. Transactions and exactly-once work
 * (internal topics have replication factor 1 and min ISR 1).
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** Fixed so that re-formatting is never needed and a restart recognises its own data. */
    static final String CLUSTER_ID = "YWxlcnRzdHJlYW0tdGVzdA";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final Duration RESTART_BIND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final boolean tempDataDir;
    private final Map<String, String> overrides;
    private int brokerPort;
    private int controllerPort;
    private final TestTls saslSslTls;
    private int saslSslPort;
    private KafkaRaftServer server;

    private EmbeddedKafka(Builder builder) {
        this.tempDataDir = builder.dataDir == null;
        this.dataDir = tempDataDir ? TempDirs.create("alertstream-kafka-") : builder.dataDir.toAbsolutePath();
        this.overrides = Map.copyOf(builder.brokerProperties);
        this.brokerPort = builder.port;
        this.controllerPort = builder.controllerPort;
        this.saslSslTls = builder.saslSslTls;
    }

    /** Starts a broker on free ports with a fresh temporary data directory. */
    public static EmbeddedKafka start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:PORT} of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /**
     * {@code 127.0.0.1:PORT} of the SASL_SSL listener (TLS with the {@link Builder#saslSsl} key store,
     * SCRAM-SHA-256 users made with {@link #createScramUser}).
     */
    public String saslSslBootstrapServers() {
        if (saslSslTls == null) {
            throw new IllegalStateException("This broker was started without Builder.saslSsl(...)");
        }
        return "127.0.0.1:" + saslSslPort;
    }

    /** Creates (or replaces) a SCRAM-SHA-256 user for the SASL_SSL listener, through the PLAINTEXT one. */
    public void createScramUser(String user, String password) {
        try (Admin admin = admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password)))
                .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            // The credential reaches the broker's cache through the metadata log: wait until it is described.
            Waits.until(() -> {
                try {
                    return admin.describeUserScramCredentials(List.of(user)).all()
                        .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).containsKey(user);
                } catch (ExecutionException | TimeoutException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }, ADMIN_TIMEOUT, () -> "SCRAM user " + user + " was not created on " + bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating SCRAM user " + user, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create SCRAM user " + user + " on " + bootstrapServers(), e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader that serves it.
     * An existing topic is accepted as is (its partitions and configs are not changed).
     */
    public void createTopic(String name, int partitions, Map<String, String> topicConfigs) {
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(topicConfigs);
        try (Admin admin = admin()) {
            try {
                admin.createTopics(List.of(topic)).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + name + " on " + bootstrapServers(), e.getCause());
                }
            }
            Waits.until(() -> allPartitionsHaveLeaders(admin, name), ADMIN_TIMEOUT,
                () -> "Topic " + name + " has partitions without a leader on " + bootstrapServers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + name + " on " + bootstrapServers(), e);
        }
    }

    /** Shuts the server down; the data directory is kept for {@link #restart()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        LOG.info("Stopping Kafka broker {}", bootstrapServers());
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    /** Stops (if running) and starts again on the same ports with the same data and cluster id. */
    public synchronized void restart() {
        stop();
        long deadline = System.nanoTime() + RESTART_BIND_TIMEOUT.toNanos();
        while (true) {
            try {
                startServer();
                return;
            } catch (RuntimeException e) {
                // The old sockets can linger for a moment; the ports must stay the same, so retry.
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Kafka broker did not restart on " + bootstrapServers(), e);
                }
                LOG.warn("Kafka restart on {} failed ({}), retrying", bootstrapServers(), e.toString());
                Waits.sleep(500);
            }
        }
    }

    /** Stops the broker and deletes the data directory if it was a temporary one. */
    @Override
    public synchronized void close() {
        stop();
        if (tempDataDir) {
            TempDirs.deleteQuietly(dataDir);
        }
    }

    private synchronized EmbeddedKafka startWithRetries(boolean portsChosenByCaller) {
        try {
            PortRaceRetry.start("Kafka broker", portsChosenByCaller, () -> {
                brokerPort = brokerPort == 0 ? FreePorts.find() : brokerPort;
                controllerPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
                saslSslPort = saslSslTls != null && saslSslPort == 0 ? FreePorts.find() : saslSslPort;
            }, this::startServer, () -> {
                brokerPort = 0;
                controllerPort = 0;
                saslSslPort = 0;
            });
            return this;
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers()
                + " (controller port " + controllerPort + ", data dir " + dataDir + ")", e);
        }
    }

    private void startServer() {
        ExitGuard.install();
        Properties props = KafkaBrokerProperties.of(dataDir, brokerPort, controllerPort, overrides);
        if (saslSslTls != null) {
            KafkaBrokerProperties.addSaslSslListener(props, saslSslPort, saslSslTls);
        }
        formatIfNeeded(props);
        long started = System.nanoTime();
        KafkaRaftServer candidate = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            candidate.startup();
        } catch (RuntimeException e) {
            shutdownQuietly(candidate);
            throw e;
        }
        server = candidate;
        LOG.info("Kafka broker up at {} in {} ms (data {})", bootstrapServers(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dataDir);
    }

    private void formatIfNeeded(Properties props) {
        if (Files.exists(dataDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            Path propsFile = Files.createTempFile("alertstream-kafka-format-", ".properties");
            try {
                try (OutputStream out = Files.newOutputStream(propsFile)) {
                    props.store(out, "alertstream testkit: storage format");
                }
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                int status = StorageTool.execute(
                    new String[] {"format", "-t", CLUSTER_ID, "-c", propsFile.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
                if (status != 0) {
                    throw new IllegalStateException("Formatting Kafka storage in " + dataDir + " failed with status "
                        + status + ": " + output.toString(StandardCharsets.UTF_8));
                }
            } finally {
                Files.deleteIfExists(propsFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot format Kafka storage in " + dataDir, e);
        }
    }

    private static void shutdownQuietly(KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.debug("Ignoring shutdown failure of a broker that did not start", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
    }

    /**
     * Whether every partition has a leader that serves it. The metadata can name a leader before that
     * broker has taken the partition over: a producer writing then meets NOT_LEADER_OR_FOLLOWER, and
     * an idempotent one can then get stuck on OUT_OF_ORDER_SEQUENCE_NUMBER for its first batch (seen in
     * RedisSinkIT). So each leader must also answer a ListOffsets for its partition.
     */
    private static boolean allPartitionsHaveLeaders(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
            if (!description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                return false;
            }
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            description.partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            admin.listOffsets(request).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Options for {@link EmbeddedKafka}; everything is optional. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private int controllerPort;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private TestTls saslSslTls;

        private Builder() {
        }

        /**
         * Adds a SASL_SSL listener (TLS with this key store, SCRAM-SHA-256) next to the PLAINTEXT one,
         * which tests keep for set-up and checks; see {@link EmbeddedKafka#saslSslBootstrapServers()}.
         */
        public Builder saslSsl(TestTls tls) {
            this.saslSslTls = tls;
            return this;
        }

        /** Keep data here (not deleted on close; reused, never re-formatted, if it holds a cluster). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Fixed PLAINTEXT port; default: a free port (retried with a new one on a port race). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Fixed CONTROLLER port; default: a free port. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        /** Any broker property; overrides the defaults of the single-node setup. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        public EmbeddedKafka start() {
            boolean portsChosenByCaller = port != 0 || controllerPort != 0;
            return new EmbeddedKafka(this).startWithRetries(portsChosenByCaller);
        }
    }
}
