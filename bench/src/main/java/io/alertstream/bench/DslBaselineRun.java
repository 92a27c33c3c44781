package io.alertstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link DslBaselineJob} over a pre-loaded topic the way {@link ThroughputRun} runs alertstream:
 * a fresh application id and state directory per repetition, exactly-once v2 with the Streams defaults
 * (so {@code commit.interval.ms=100}), one stream thread, timed from RUNNING until the input is committed
 * and the job's repartition topic is drained.
 */
final class DslBaselineRun {
    private static final Logger LOG = LoggerFactory.getLogger(DslBaselineRun.class);

    private final String bootstrap;
    private final String input;
    private final long events;
    private final int threshold;
    private final Path stateRoot;
    private final String output;
    private int runs;

    DslBaselineRun(String bootstrap, Path workDir, String input, long events, int threshold) throws Exception {
        this.bootstrap = bootstrap;
        this.input = input;
        this.events = events;
        this.threshold = threshold;
        this.stateRoot = Files.createDirectories(workDir.resolve(input + "-dsl"));
        this.output = input + "-dsl-out";
        try (Admin admin = Clients.admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(output, 4, (short) 1))).all().get();
        }
        Clients.awaitLeaders(bootstrap, output);
    }

    /** Events per second of one repetition. */
    double repeat() throws Exception {
        String id = input + "-dsl-app-" + (++runs);
        Properties p = new Properties();
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, id);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateRoot.resolve(id).toString());
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        CountDownLatch running = new CountDownLatch(1);
        try (Admin admin = Clients.admin(bootstrap);
             KafkaStreams streams = new KafkaStreams(DslBaselineJob.build(input, output, threshold), p)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            if (!running.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(id + " did not reach RUNNING within 120 s (state " + streams.state() + ")");
            }
            long start = System.nanoTime();
            // At most one transaction marker per repartition partition may stay behind the last commit.
            if (!Clients.awaitProcessed(admin, id, input, id + "-by-group-repartition", 4, Duration.ofMinutes(10),
                    () -> streams.state().isRunningOrRebalancing())) {
                throw new IllegalStateException(id + ": " + events + " events not processed within 10 minutes (state "
                        + streams.state() + ", input lag " + Clients.lag(admin, id, input) + ")");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("{}: {} events in {} s = {} events/s", id, events, seconds, events / seconds);
            streams.close(Duration.ofSeconds(30));
            return events / seconds;
        }
    }
}
