package io.alertstream.topology.embedded;

import io.alertstream.topology.runtime.AlertStreamsApp;
import io.alertstream.topology.runtime.RuleDirectoryWatcher;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.StateSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine running inside an application, from {@link Alertstream.Builder#start()}: the same
 * {@link AlertStreamsApp} {@code alertstream run} starts, plus the rules watcher for a rules directory.
 * {@link #close()} stops the watcher, then Kafka Streams (leaving the group, finishing the open
 * transaction), then releases the state directory.
 */
public final class RunningAlertstream implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunningAlertstream.class);
    private static final long POLL_MS = 50;

    private final AlertStreamsApp app;
    private final RulePublisher publisher;
    private final RuleDirectoryWatcher watcher;
    private final StateSlots.Slot slot;
    private boolean closed;

    RunningAlertstream(AlertStreamsApp app, RulePublisher publisher, RuleDirectoryWatcher watcher, StateSlots.Slot slot) {
        this.app = app;
        this.publisher = publisher;
        this.watcher = watcher;
        this.slot = slot;
    }

    /** The Kafka Streams instance, for its state, metrics and interactive queries. */
    public KafkaStreams streams() {
        return app.streams();
    }

    /**
     * Waits until Kafka Streams is RUNNING (it has its partitions and processes events).
     *
     * @return true when it is; false when {@code timeout} passed first, or it is shutting down or failed
     */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // Polled: AlertStreamsApp owns the one state listener Kafka Streams allows.
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (!state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable c : new AutoCloseable[] {watcher, publisher, app, slot}) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        failures.forEach(e -> LOG.warn("Stopping the embedded alertstream: {}", e.toString()));
    }
}
