package io.alertstream.testkit;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The server properties of a single-node KRaft cluster (one process that is broker and controller).
 *
 * <p>Input: the data directory, the broker and controller ports and caller overrides. Output:
 * {@link Properties} for {@code KafkaConfig.fromProps}. Semantics: everything a one-node cluster
 * needs to run consumer groups, Streams and transactions (replication factor 1 and min ISR 1 for
 * every internal topic), no topic auto-creation (tests and apps must create their topics, as in
 * production), and no initial rebalance delay (Streams reaches RUNNING ~2.5 s sooner).
 */
final class KafkaBrokerProperties {

    static final int NODE_ID = 1;

    private KafkaBrokerProperties() {
    }

    static Properties of(Path dataDir, int brokerPort, int controllerPort, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        // Static voters: the voter set is not written into the log, so the data dir does not pin ports.
        props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        props.put("log.dirs", dataDir.toAbsolutePath().toString());

        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        props.put("num.partitions", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // The default 128 MiB dedupe buffer is allocated up front; 8 MiB is plenty for test-sized
        // compacted topics (changelogs) and keeps the test JVM small.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    /**
     * Adds a SASL_SSL listener: TLS with the test key store, SCRAM-SHA-256 only. Inter-broker and controller
     * traffic stay on PLAINTEXT, which is enough for one node and keeps the set-up tooling simple.
     */
    static void addSaslSslListener(Properties props, int port, TestTls tls) {
        props.put("listeners", props.getProperty("listeners") + ",SASL_SSL://127.0.0.1:" + port);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + ",SASL_SSL://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", props.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        props.put("sasl.enabled.mechanisms", "SCRAM-SHA-256");
        props.put("listener.name.sasl_ssl.scram-sha-256.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.sasl_ssl.ssl.keystore.location", tls.keyStore().toString());
        props.put("listener.name.sasl_ssl.ssl.keystore.type", "PKCS12");
        props.put("listener.name.sasl_ssl.ssl.keystore.password", tls.password());
        props.put("listener.name.sasl_ssl.ssl.key.password", tls.password());
    }
}
