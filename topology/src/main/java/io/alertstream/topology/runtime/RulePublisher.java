package io.alertstream.topology.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.Topics;
import io.alertstream.topology.routing.RoutingFile;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.runtime.RulesDirectory;
import io.alertstream.topology.silence.SilencesFile;
import io.alertstream.topology.targets.Target;
import io.alertstream.topology.targets.TargetsFile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a rule set to the compacted {@code rules} topic: a record for every rule that is new or
 * changed (nothing for unchanged rules, so re-applying is free), a tombstone for every published rule
 * that is gone from the files. When the files have problems, nothing is deleted: a rule whose file
 * is broken keeps its last good version running until the file is fixed.
 *
 * <p>With a routing topic, {@link #apply(RulesDirectory)} also publishes the directory's routing file
 * (its YAML text under one key) when it is valid and changed, and removes it (tombstone) when the file
 * is gone and nothing in the directory has problems; an invalid routing file keeps the last good one.
 *
 * <p>With a silences topic, the directory's {@code silences.yaml} is published too (see {@link SilencesPublication}).
 *
 * <p>With a rule-problems topic, {@link #apply(RulesDirectory)} and {@link #publishProblems(RulesDirectory)}
 * also write the directory's current validation problems there: keyed by {@link #publisherId(Path)}
 * ({@code host:absolute-path}, so several directories and hosts do not overwrite each other), the value a
 * JSON array of {@code {"file","line","column","message"}}, an empty array once the files are fixed.
 */
public final class RulePublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulePublisher.class);
    private final String topic;
    private final String routingTopic;
    private final String problemsTopic;
    private final String targetsTopic;
    private final String silencesTopic;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProducer<String, String> producer;
    private final Properties clientProps;
    /** As given, {@code alertstream.*} keys included (the topic wait's timeout is one). */
    private final Properties givenProps;
    private boolean topicsEnsured;

    /** What an apply changed. */
    public record Applied(List<String> upserted, List<String> deleted, boolean deletionsSkipped, Routing routing) {
        public Applied(List<String> upserted, List<String> deleted, boolean deletionsSkipped) {
            this(upserted, deleted, deletionsSkipped, Routing.UNCHANGED);
        }
    }

    /** What happened to the routing file. */
    public enum Routing { UNCHANGED, PUBLISHED, REMOVED, INVALID_KEPT }

    /** Publishes rules only. */
    public RulePublisher(Properties clientProps, String topic) {
        this(clientProps, topic, null);
    }

    /** Publishes rules and routing to the topics of {@code config}. */
    public static RulePublisher forConfig(Properties clientProps, io.alertstream.topology.AlertTopologyConfig config) {
        return new RulePublisher(clientProps, config.rulesTopic(), config.notifications().routingTopic(), config.ruleProblemsTopic(),
                config.targetsTopic(), config.notifications().silencesTopic());
    }

    /** Publishes rules to {@code topic} and the routing file to {@code routingTopic} (null: rules only). */
    public RulePublisher(Properties clientProps, String topic, String routingTopic) {
        this(clientProps, topic, routingTopic, null);
    }

    /**
     * Publishes rules to {@code topic}, the routing file to {@code routingTopic} and validation problems to
     * {@code problemsTopic} (each null: not published).
     */
    public RulePublisher(Properties clientProps, String topic, String routingTopic, String problemsTopic) {
        this(clientProps, topic, routingTopic, problemsTopic, null);
    }

    /** As above, and the directory's {@code targets.yaml} to {@code targetsTopic} (null: not published). */
    public RulePublisher(Properties clientProps, String topic, String routingTopic, String problemsTopic, String targetsTopic) {
        this(clientProps, topic, routingTopic, problemsTopic, targetsTopic, null);
    }

    /** As above, and the directory's {@code silences.yaml} to {@code silencesTopic} (null: not published). */
    public RulePublisher(Properties clientProps, String topic, String routingTopic, String problemsTopic, String targetsTopic,
                         String silencesTopic) {
        this.topic = topic;
        this.silencesTopic = silencesTopic;
        this.targetsTopic = targetsTopic;
        this.routingTopic = routingTopic;
        this.problemsTopic = problemsTopic;
        this.clientProps = TopicProvisioner.adminProps(clientProps);
        this.givenProps = clientProps;
        Properties p = new Properties();
        p.putAll(this.clientProps);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public Applied apply(RuleSetLoader.RuleSet set) throws ExecutionException, InterruptedException {
        ensureTopics();
        Map<String, String> published = published();
        List<String> upserted = new ArrayList<>();
        List<String> deleted = new ArrayList<>();
        List<Future<?>> sends = new ArrayList<>();
        Map<String, String> wanted = new HashMap<>();
        for (CompiledRule rule : set.rules()) {
            wanted.put(rule.id(), rule.json());
            if (!rule.json().equals(published.get(rule.id()))) {
                sends.add(producer.send(new ProducerRecord<>(topic, rule.id(), rule.json())));
                upserted.add(rule.id());
            }
        }
        boolean skip = !set.ok();
        if (!skip) {
            for (String id : published.keySet()) {
                if (!wanted.containsKey(id)) {
                    sends.add(producer.send(new ProducerRecord<>(topic, id, null)));
                    deleted.add(id);
                }
            }
        }
        producer.flush();
        for (Future<?> f : sends) {
            f.get();
        }
        if (!upserted.isEmpty() || !deleted.isEmpty()) {
            LOG.info("Rules published: {} new or changed {}, {} deleted {}", upserted.size(), upserted, deleted.size(), deleted);
        }
        return new Applied(upserted, deleted, skip);
    }

    /** Publishes the rules and, with a routing topic, the routing file of a directory. */
    public Applied apply(RulesDirectory dir) throws ExecutionException, InterruptedException {
        publishProblems(dir);
        Applied rules = apply(dir.rules());
        if (targetsTopic != null && dir.targets().isPresent()) {
            applyTargets(dir.targets().get());
        }
        if (silencesTopic != null && dir.silences().isPresent()) {
            applySilences(dir.silences().get());
        }
        if (routingTopic == null) {
            return rules;
        }
        return new Applied(rules.upserted(), rules.deleted(), rules.deletionsSkipped(), applyRouting(dir));
    }

    /**
     * Writes the directory's current problems (rules and routing file) to the rule-problems topic under
     * {@link #publisherId(Path)}; an empty list once it has none. Nothing without a rule-problems topic.
     */
    public void publishProblems(RulesDirectory dir) throws ExecutionException, InterruptedException {
        if (problemsTopic == null) {
            return;
        }
        ensureTopics();
        String value;
        try {
            value = JSON.writeValueAsString(dir.problems());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the rule problems of " + dir.dir() + " as JSON", e);
        }
        producer.send(new ProducerRecord<>(problemsTopic, publisherId(dir.dir()), value)).get();
        if (!dir.problems().isEmpty()) {
            LOG.info("{} rule problem(s) of {} published to {}", dir.problems().size(), dir.dir(), problemsTopic);
        }
    }

    /** Who publishes a directory's problems: {@code host:absolute-path} of the directory. */
    public static String publisherId(Path dir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + ":" + dir.toAbsolutePath().normalize();
    }

    private Routing applyRouting(RulesDirectory dir) throws ExecutionException, InterruptedException {
        if (!dir.routingProblems().isEmpty()) {
            return Routing.INVALID_KEPT;
        }
        String published = read(routingTopic).get(RoutingFile.TOPIC_KEY);
        String wanted = dir.routing().map(RoutingFile.Source::text).orElse(null);
        if (wanted == null && (published == null || !dir.ok())) {
            return Routing.UNCHANGED;
        }
        if (wanted != null && wanted.equals(published)) {
            return Routing.UNCHANGED;
        }
        producer.send(new ProducerRecord<>(routingTopic, RoutingFile.TOPIC_KEY, wanted)).get();
        LOG.info(wanted == null ? "Routing removed from {}" : "Routing published to {}", routingTopic);
        return wanted == null ? Routing.REMOVED : Routing.PUBLISHED;
    }

    /**
     * Publishes the valid targets of a targets file that are new or changed in any field but the times, owner included
     * (their {@code created_at} kept from the published version); unchanged ones are not written again. Targets are never deleted from here: the targets
     * topic also holds targets made through the API, which the file does not know (DELETE /v1/targets/{id} removes
     * one). An invalid entry is not published; its problem is on the rule-problems topic with the others.
     */
    private void applyTargets(TargetsFile.Result file) throws ExecutionException, InterruptedException {
        ensureTopics();
        Map<String, String> published = read(targetsTopic);
        List<Future<?>> sends = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (Target t : file.targets()) {
            Target before = parse(published.get(t.id()));
            // Unchanged: equal but for the times. The owner is compared too (a file whose owner changed must republish).
            if (before != null && before.with(before.id(), before.owner(), null, null).equals(t.with(t.id(), t.owner(), null, null))) {
                continue;
            }
            Target out = before == null ? t : t.with(t.id(), t.owner(), before.createdAt(), t.updatedAt());
            try {
                sends.add(producer.send(new ProducerRecord<>(targetsTopic, t.id(), JSON.writeValueAsString(out))));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write target " + t.id() + " as JSON", e);
            }
            written.add(t.id());
        }
        producer.flush();
        for (Future<?> f : sends) {
            f.get();
        }
        if (!written.isEmpty()) {
            LOG.info("Targets published to {}: {}", targetsTopic, written);
        }
    }

    /** Publishes what {@link SilencesPublication#changes} says of a silences file; nothing is deleted. */
    private void applySilences(SilencesFile.Result file) throws ExecutionException, InterruptedException {
        ensureTopics();
        Map<String, String> changes = SilencesPublication.changes(file, read(silencesTopic), java.time.Instant.now().toString());
        List<Future<?>> sends = new ArrayList<>();
        changes.forEach((id, json) -> sends.add(producer.send(new ProducerRecord<>(silencesTopic, id, json))));
        producer.flush();
        for (Future<?> f : sends) {
            f.get();
        }
        if (!changes.isEmpty()) {
            LOG.info("Silences published to {}: {}", silencesTopic, changes.keySet());
        }
    }

    private static Target parse(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Target.class);
        } catch (JsonProcessingException e) {
            return null; // unreadable: the file's version replaces it
        }
    }

    /**
     * Creates the rules and routing topics when missing (compacted, one partition, the broker's default
     * replication) and waits until they are served, so that {@code rules apply} works on a cluster
     * with {@code auto.create.topics.enable=false} before any instance has started.
     */
    private void ensureTopics() throws InterruptedException {
        if (topicsEnsured) {
            return;
        }
        // Partitions and replication left to the broker: the publisher does not know the input topics' partition count.
        Optional<Integer> brokerDefault = Optional.empty();
        List<NewTopic> wanted = new ArrayList<>();
        wanted.add(Topics.RULES.named(topic).newTopic(brokerDefault, Optional.empty()));
        if (routingTopic != null) {
            wanted.add(Topics.ROUTING.named(routingTopic).newTopic(brokerDefault, Optional.empty()));
        }
        if (problemsTopic != null) {
            wanted.add(Topics.RULE_PROBLEMS.named(problemsTopic).newTopic(brokerDefault, Optional.empty()));
        }
        if (targetsTopic != null) {
            wanted.add(Topics.TARGETS.named(targetsTopic).newTopic(brokerDefault, Optional.empty()));
        }
        if (silencesTopic != null) {
            wanted.add(Topics.SILENCES.named(silencesTopic).newTopic(brokerDefault, Optional.empty()));
        }
        TopicProvisioner.ensure(givenProps, wanted);
        topicsEnsured = true;
    }

    /** The routing file currently on the routing topic, if any (empty without a routing topic). */
    public java.util.Optional<String> publishedRouting() {
        return routingTopic == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(read(routingTopic).get(RoutingFile.TOPIC_KEY));
    }

    /** The rules currently on the topic (read to its end, tombstones applied). */
    public Map<String, String> published() {
        return read(topic);
    }

    private Map<String, String> read(String topic) {
        Properties p = new Properties();
        p.putAll(clientProps);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Map<String, String> rules = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("timed out reading the topic '" + topic + "' to its end");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.value() == null) {
                        rules.remove(r.key());
                    } else {
                        rules.put(r.key(), r.value());
                    }
                }
            }
        }
        return rules;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
