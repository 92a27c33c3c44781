package io.alertstream.topology.runtime;

import io.alertstream.topology.AlertTopology;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.watermark.SourceBacklog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running alertstream instance: creates missing topics, sizes the topology from the input
 * partition count, starts Kafka Streams and waits until it is RUNNING. Several instances with the
 * same {@code application.id} share the partitions.
 */
public final class AlertStreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStreamsApp.class);
    private final KafkaStreams streams;
    private final AlertTopologyConfig config;
    private final ScheduledExecutorService lagWatcher;
    private final InputLagProbe lagProbe;
    private final SourceBacklog backlog;
    private final CountDownLatch running;

    private AlertStreamsApp(KafkaStreams streams, AlertTopologyConfig config, ScheduledExecutorService lagWatcher,
                            InputLagProbe lagProbe, SourceBacklog backlog, CountDownLatch running) {
        this.streams = streams;
        this.config = config;
        this.lagWatcher = lagWatcher;
        this.lagProbe = lagProbe;
        this.backlog = backlog;
        this.running = running;
    }

    /**
     * @param partitions  partitions for topics this call creates
     * @param replication replication factor for topics this call creates
     */
    public static AlertStreamsApp start(Properties props, int partitions, short replication, Duration timeout) throws Exception {
        AlertStreamsApp app = launch(props, partitions, replication);
        app.awaitRunning(timeout);
        return app;
    }

    /**
     * Like {@link #start} but returns as soon as Kafka Streams was started, before it is RUNNING (so that
     * health endpoints can answer during the first rebalance); {@link #awaitRunning} waits.
     */
    public static AlertStreamsApp launch(Properties props, int partitions, short replication) throws Exception {
        AlertTopologyConfig config = AlertTopologyConfig.from(props);
        int sourcePartitions = TopicProvisioner.provision(props, config, partitions, replication);
        config = config.withSourcePartitions(sourcePartitions);
        Properties streamsProps = new Properties();
        streamsProps.putAll(props);
        LOG.info("Starting alertstream ({} input partitions) with {}", sourcePartitions, AppConfig.describe(streamsProps));
        SourceBacklog backlog = SourceBacklog.measured();
        InputLagProbe lagProbe = new InputLagProbe(props, props.getProperty("application.id"), config.inputTopics(), backlog);
        KafkaStreams streams = new KafkaStreams(AlertTopology.build(config, backlog), streamsProps);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            LOG.info("Kafka Streams {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("A stream thread died; replacing it (its tasks restart from their last commit)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        ScheduledExecutorService lagWatcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "alertstream-backlog-watcher");
            t.setDaemon(true);
            return t;
        });
        lagWatcher.scheduleWithFixedDelay(lagProbe::refresh, 0, 500, TimeUnit.MILLISECONDS);
        return new AlertStreamsApp(streams, config, lagWatcher, lagProbe, backlog, running);
    }

    /** Waits until Kafka Streams was RUNNING once, or the timeout passed (then warns: it keeps trying). */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Kafka Streams not RUNNING after {} (state {}); it keeps trying", timeout, streams.state());
        }
    }

    /** Input records not yet processed and committed by the application (all instances), -1 before the first measurement. */
    public long inputLag() {
        return backlog.totalUnread();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public AlertTopologyConfig config() {
        return config;
    }

    @Override
    public void close() {
        lagWatcher.shutdownNow();
        lagProbe.close();
        // Leave the group on a clean stop, so the partitions move to the other instances (or to this
        // one restarted) at once instead of after the session timeout.
        streams.close(org.apache.kafka.streams.CloseOptions.timeout(Duration.ofSeconds(30))
                .withGroupMembershipOperation(org.apache.kafka.streams.CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
