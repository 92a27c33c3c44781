package io.alertstream.bench;

import io.alertstream.topology.rules.RuleSetLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a large rule set ({@link BenchWorkload#equalityRules}) takes to load, in the three waits
 * an operator sees. Input: the rule count; each repetition gets new topics. Output: seconds for
 * <ol>
 *   <li><b>compile and validate</b>: {@code RuleSetLoader.loadSources}, what {@code alertstream rules
 *       apply} does before it publishes anything;</li>
 *   <li><b>publish</b>: {@code RulePublisher.apply} to an empty rules topic (every rule new), from
 *       creating the publisher until every record is acknowledged and it is closed;</li>
 *   <li><b>fresh instance ready</b>, and on the way <b>RUNNING</b>: see {@link #awaitReady}.</li>
 * </ol>
 *
 * <p>Why the end point of "ready" is a probe's fan-out record and not RUNNING: RUNNING comes after
 * the global rules store is restored and {@code RuleStoreUpdater} has compiled every rule into the
 * catalog, but the catalog's snapshot and rule index are built only by the first
 * {@code RuleCatalog.current()}, i.e. by the first event. So one event for the last rule (the last
 * record on the rules topic) is pre-loaded before the instance starts, and the clock runs from the
 * call to {@code Deployment.start()} (topic check, topology build, Streams start, restore, group
 * join, RUNNING) until the match of that rule shows on the fan-out topic: the rules are loaded,
 * indexed and used. The fan-out topic is read {@code read_uncommitted}, so the transaction commit
 * after the match (up to {@code commit.interval.ms}) is not counted; the reader's own polling adds
 * at most some tens of milliseconds.
 */
final class RuleLoadRun {
    private static final Logger LOG = LoggerFactory.getLogger(RuleLoadRun.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** One repetition, in seconds; {@code runningSeconds} is part of {@code readySeconds}. */
    record Sample(double compileSeconds, double publishSeconds, double runningSeconds, double readySeconds) {
    }

    private RuleLoadRun() {
    }

    /** Compiles, publishes and starts a fresh instance with {@code rules} equality rules, on new topics named {@code name-*}. */
    static Sample run(String bootstrap, Path workDir, String name, int rules) throws Exception {
        String yaml = BenchWorkload.equalityRules(rules);
        Deployment d = new Deployment(bootstrap, workDir, name, Map.of());
        d.createTopics(4);

        long compileStart = System.nanoTime();
        RuleSetLoader.RuleSet set = Deployment.compileRules(yaml);
        double compile = seconds(compileStart);

        long publishStart = System.nanoTime();
        d.publish(set);
        double publish = seconds(publishStart);

        int last = rules - 1;
        long now = System.currentTimeMillis();
        byte[] probe = new BenchWorkload(1, now, 0, 1).serviceEvent(0, now, last);
        Clients.preload(bootstrap, d.eventsTopic(), 1, i -> probe);

        long start = System.nanoTime();
        double running;
        double ready;
        try (Deployment.Instance instance = d.start()) {
            running = seconds(start);
            awaitReady(bootstrap, instance.fanOutTopic(), BenchWorkload.equalityRuleId(last) + "|");
            ready = seconds(start); // before the instance closes: closing is not part of getting ready
        }
        LOG.info("{}: {} rules compiled in {} s, published in {} s; fresh instance RUNNING after {} s, ready after {} s",
                name, rules, compile, publish, running, ready);
        return new Sample(compile, publish, running, ready);
    }

    /**
     * Waits until the fan-out topic holds a record whose alert key starts with {@code keyPrefix}
     * ({@code ruleId|}); fails after {@link #READY_TIMEOUT}. Watermark records share the topic and
     * are skipped by their key.
     */
    private static void awaitReady(String bootstrap, String fanOutTopic, String keyPrefix) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.consumer(bootstrap, "read_uncommitted")) {
            // The instance created this internal topic before RUNNING, so it has partitions by now.
            List<TopicPartition> tps = consumer.partitionsFor(fanOutTopic).stream()
                    .map(p -> new TopicPartition(fanOutTopic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                    if (r.key() != null && new String(r.key(), StandardCharsets.UTF_8).startsWith(keyPrefix)) {
                        return;
                    }
                }
            }
        }
        throw new IllegalStateException("no fan-out record for '" + keyPrefix + "' on " + fanOutTopic + " within " + READY_TIMEOUT
                + ": the fresh instance did not evaluate the probe against the last rule");
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
