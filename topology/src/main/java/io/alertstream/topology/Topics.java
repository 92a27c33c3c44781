package io.alertstream.topology;

import io.alertstream.topology.digest.AlarmDigest;
import io.alertstream.topology.digest.DigestConfig;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.notify.Notification;
import io.alertstream.topology.notify.NotifyConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Every topic alertstream reads or writes, in one place: the setting that names it, its key and value format and its
 * layout (partitions, cleanup policy). The sub-topologies read and write through {@link Topic#consumed}/
 * {@link Topic#produced}, the provisioner creates {@link #all} of them, and tests read and write them with the same
 * serdes. Internal topics (repartition, changelog) are Streams' own and are not listed.
 *
 * <p>Names come from the settings (users rename topics; {@code TopicsTest} checks that every topic setting's topic is
 * listed), so a {@link Spec} is the static part and {@link Spec#named} gives the {@link Topic} of one application.
 */
public final class Topics {
    /** How a topic is laid out when alertstream creates it. */
    public enum Layout {
        /** As many partitions as the input topics (the unit of parallelism), deleted by age. */
        PARTITIONED,
        /** As many partitions as the input topics, compacted: the latest value per key is kept. */
        COMPACTED,
        /** One partition, compacted: a small control topic that every instance reads whole. */
        CONTROL;

        boolean compacted() {
            return this != PARTITIONED;
        }
    }

    /** A topic's format and layout; serdes are made fresh for each use (Streams may configure and close those it is given). */
    public record Spec<K, V>(Supplier<Serde<K>> keySerde, Supplier<Serde<V>> valueSerde, Layout layout) {
        public Topic<K, V> named(String name) {
            return new Topic<>(name, this);
        }

        /** Read with the topic's format, the source node named {@code sourceName}. */
        public Consumed<K, V> consumed(String sourceName) {
            return Consumed.with(keySerde.get(), valueSerde.get()).withName(sourceName);
        }

        /**
         * Read as bytes: for a reader that must see every record, also one that does not parse, so it can dead-letter it
         * instead of failing in a deserializer.
         */
        public Consumed<byte[], byte[]> consumedAsBytes(String sourceName) {
            return Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sourceName);
        }

        /** Written with the topic's format, the sink node named {@code sinkName}. */
        public Produced<K, V> produced(String sinkName) {
            return Produced.with(keySerde.get(), valueSerde.get()).withName(sinkName);
        }

        /** The topic {@code name} as a test driver's input, in its format (rule tests and the engine's own tests). */
        public TestInputTopic<K, V> input(TopologyTestDriver driver, String name) {
            return driver.createInputTopic(name, keySerde.get().serializer(), valueSerde.get().serializer());
        }

        /** The topic {@code name} as a test driver's output, read in its format. */
        public TestOutputTopic<K, V> output(TopologyTestDriver driver, String name) {
            return driver.createOutputTopic(name, keySerde.get().deserializer(), valueSerde.get().deserializer());
        }
    }

    /** One application's topic: its name and {@link Spec}. */
    public record Topic<K, V>(String name, Spec<K, V> spec) {
        /**
         * The topic to create: {@code partitions} unless it is a {@link Layout#CONTROL} topic (one), compacted when its
         * layout says so; an empty {@code partitions} or {@code replication} leaves it to the broker's defaults.
         */
        public NewTopic newTopic(Optional<Integer> partitions, Optional<Short> replication) {
            NewTopic topic = new NewTopic(name, spec.layout() == Layout.CONTROL ? Optional.of(1) : partitions, replication);
            return spec.layout().compacted()
                    ? topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)) : topic;
        }
    }

    /** Events, JSON objects as users produce them (read as bytes: a bad one is dead-lettered, not fatal). */
    public static final Spec<byte[], byte[]> EVENTS = spec(Serdes::ByteArray, Serdes::ByteArray,
            Layout.PARTITIONED);
    /** The rules in force: rule id to the rule's JSON ({@code rules apply} and the watcher write it). */
    public static final Spec<String, String> RULES = spec(Serdes::String, Serdes::String,
            Layout.CONTROL);
    /** Each rules directory's current validation problems. */
    public static final Spec<String, String> RULE_PROBLEMS = spec(Serdes::String,
            Serdes::String, Layout.CONTROL);
    /** Alert transitions keyed by alert key. */
    public static final Spec<String, Alert> ALERTS = spec(Serdes::String,
            () -> new JsonSerde<>(Alert.class), Layout.PARTITIONED);
    /** Windows' live counters. */
    public static final Spec<String, Counter> COUNTERS = spec(Serdes::String,
            () -> new JsonSerde<>(Counter.class), Layout.PARTITIONED);
    /** Records that cannot be processed: original key and value bytes, the reason in headers. */
    public static final Spec<byte[], byte[]> DEAD_LETTER = spec(Serdes::ByteArray,
            Serdes::ByteArray, Layout.PARTITIONED);
    /** Uptime targets keyed by target id, latest definition wins. */
    public static final Spec<String, String> TARGETS = spec(Serdes::String, Serdes::String,
            Layout.COMPACTED);
    /** The probe connector's check results keyed by target id. */
    public static final Spec<String, String> PROBES = spec(Serdes::String, Serdes::String,
            Layout.PARTITIONED);

    /** The routing file: one key to its YAML. */
    public static final Spec<String, String> ROUTING = spec(Serdes::String, Serdes::String,
            Layout.CONTROL);
    /** Notifications for the email and webhook connectors, keyed by notification id. */
    public static final Spec<String, Notification> NOTIFICATIONS = spec(Serdes::String,
            () -> new JsonSerde<>(Notification.class), Layout.PARTITIONED);
    /** Alerts the router cannot read. */
    public static final Spec<byte[], byte[]> NOTIFY_DEAD_LETTER = spec(Serdes::ByteArray,
            Serdes::ByteArray, Layout.PARTITIONED);
    /** Silences keyed by id (the API, {@code rules apply} and the engine write it). */
    public static final Spec<String, String> SILENCES = spec(Serdes::String, Serdes::String,
            Layout.CONTROL);
    /** The firing alerts' match labels keyed by alert key, a tombstone when one resolves: only as large as what fires now. */
    public static final Spec<String, String> FIRING = spec(Serdes::String, Serdes::String,
            Layout.COMPACTED);
    /** Acknowledgements keyed by alert key, like the alerts. */
    public static final Spec<String, String> ACKS = spec(Serdes::String, Serdes::String,
            Layout.COMPACTED);

    /** AlarmStatusChanged messages keyed by UserID (JSON). */
    public static final Spec<String, byte[]> DIGEST_STATUS = spec(Serdes::String, Serdes::ByteArray,
            Layout.PARTITIONED);
    /** SendAlarmDigest requests keyed by UserID (JSON). */
    public static final Spec<String, byte[]> DIGEST_REQUESTS = spec(Serdes::String, Serdes::ByteArray,
            Layout.PARTITIONED);
    /** AlarmDigest messages keyed by UserID. */
    public static final Spec<String, AlarmDigest> DIGESTS = spec(Serdes::String,
            () -> new JsonSerde<>(AlarmDigest.class), Layout.PARTITIONED);
    /** Digest inputs that cannot be processed. */
    public static final Spec<byte[], byte[]> DIGEST_DEAD_LETTER = spec(Serdes::ByteArray,
            Serdes::ByteArray, Layout.PARTITIONED);

    private Topics() {
    }

    /**
     * Every topic of an application with these settings, each name once: settings that fall back to another topic
     * (the notifications' and digests' dead letters to {@code alertstream.topic.dead-letter}) name the same topic,
     * which is then listed with the first spec that names it.
     */
    public static List<Topic<?, ?>> all(AlertTopologyConfig config) {
        NotifyConfig notify = config.notifications();
        DigestConfig digest = config.digest();
        List<Topic<?, ?>> topics = new ArrayList<>();
        config.inputTopics().forEach(name -> topics.add(EVENTS.named(name)));
        topics.add(RULES.named(config.rulesTopic()));
        topics.add(RULE_PROBLEMS.named(config.ruleProblemsTopic()));
        topics.add(ALERTS.named(config.alertsTopic()));
        topics.add(COUNTERS.named(config.countersTopic()));
        topics.add(DEAD_LETTER.named(config.deadLetterTopic()));
        topics.add(TARGETS.named(config.targetsTopic()));
        topics.add(PROBES.named(config.probesTopic()));
        topics.add(ALERTS.named(notify.alertsTopic())); // the router's input: alertstream.topic.alerts unless set apart
        topics.add(ROUTING.named(notify.routingTopic()));
        topics.add(NOTIFICATIONS.named(notify.notificationsTopic()));
        topics.add(NOTIFY_DEAD_LETTER.named(notify.deadLetterTopic()));
        topics.add(SILENCES.named(notify.silencesTopic()));
        topics.add(FIRING.named(notify.firingTopic()));
        topics.add(ACKS.named(notify.acksTopic()));
        topics.add(DIGEST_STATUS.named(digest.statusTopic()));
        topics.add(DIGEST_REQUESTS.named(digest.requestTopic()));
        topics.add(DIGESTS.named(digest.digestTopic()));
        topics.add(DIGEST_DEAD_LETTER.named(digest.deadLetterTopic()));
        Map<String, Topic<?, ?>> byName = new LinkedHashMap<>();
        topics.forEach(t -> byName.putIfAbsent(t.name(), t));
        return List.copyOf(byName.values());
    }

    private static <K, V> Spec<K, V> spec(Supplier<Serde<K>> key, Supplier<Serde<V>> value, Layout layout) {
        return new Spec<>(key, value, layout);
    }
}
