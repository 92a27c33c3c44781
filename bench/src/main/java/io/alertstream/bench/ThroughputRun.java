package io.alertstream.bench;

import io.alertstream.testkit.ProcessMemory;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sustained topology throughput: the events topic of a scenario is pre-loaded once; each repetition
 * starts a fresh instance (new application id, empty state, the default exactly-once config plus the
 * scenario's overrides) and times from RUNNING until every input record is processed and committed
 * and the fan-out topic is drained. Optionally samples the footprint: RSS and heap after GC at that
 * moment, and the state directory's size once the instance has closed (and flushed its stores).
 * {@link #repeatInChild()} runs the instance as {@code alertstream run} in a child JVM instead, for
 * the application's own RSS and peak RSS (in this JVM the broker shares the process).
 */
final class ThroughputRun {
    private static final Logger LOG = LoggerFactory.getLogger(ThroughputRun.class);

    /** One repetition; footprint values are NaN when not sampled (peak RSS: only for a child JVM). */
    record Sample(double eventsPerSec, double seconds, double rssMiB, double peakRssMiB, double heapAfterGcMiB, double stateMiB) {
    }

    private final Deployment deployment;
    private final long events;

    private ThroughputRun(Deployment deployment, long events) {
        this.deployment = deployment;
        this.events = events;
    }

    /** Creates the scenario's topics, publishes its rules and pre-loads its events. */
    static ThroughputRun prepare(String bootstrap, java.nio.file.Path workDir, String name, Map<String, String> overrides,
                                 String rulesYaml, long events, int keys) throws Exception {
        return prepare(bootstrap, workDir, name, overrides, rulesYaml, events, keys, UnaryOperator.identity());
    }

    /** As above, with the workload reshaped, e.g. {@code w -> w.withServices(10_000)} for equality rules. */
    static ThroughputRun prepare(String bootstrap, java.nio.file.Path workDir, String name, Map<String, String> overrides,
                                 String rulesYaml, long events, int keys, UnaryOperator<BenchWorkload> shape) throws Exception {
        Deployment d = new Deployment(bootstrap, workDir, name, overrides);
        d.createTopics(4);
        d.publishRules(rulesYaml);
        // All event times in the current hour: one window per key, none closes during the run.
        long now = System.currentTimeMillis();
        long from = Math.max(now - Duration.ofMinutes(10).toMillis(), now / 3_600_000 * 3_600_000);
        BenchWorkload workload = shape.apply(new BenchWorkload(keys, from, now - from, 42));
        long start = System.nanoTime();
        Clients.preload(bootstrap, d.eventsTopic(), events, i -> workload.event(i, events));
        LOG.info("{}: pre-loaded {} events in {} ms", name, events, (System.nanoTime() - start) / 1_000_000);
        return new ThroughputRun(d, events);
    }

    /** The same pre-loaded events, run with more config overrides (e.g. another commit interval). */
    ThroughputRun variant(String suffix, Map<String, String> overrides) throws Exception {
        return new ThroughputRun(deployment.variant(suffix, overrides), events);
    }

    Sample repeat(boolean footprint) throws Exception {
        double seconds;
        double rss = Double.NaN;
        double heap = Double.NaN;
        java.nio.file.Path stateDir;
        try (Admin admin = Clients.admin(deployment.bootstrap); Deployment.Instance instance = deployment.start()) {
            stateDir = instance.stateDir();
            seconds = timeToProcess(admin, instance);
            if (footprint) {
                rss = Machine.residentMiB();
                heap = Machine.heapUsedAfterGcMiB();
            }
        }
        // Measured after close: closing flushes RocksDB memtables, so the files hold the whole state.
        double state = footprint ? Machine.directoryMiB(stateDir) : Double.NaN;
        return new Sample(events / seconds, seconds, rss, Double.NaN, heap, state);
    }

    /**
     * One repetition as {@code alertstream run} in a child JVM: its VmRSS and VmHWM (peak since it
     * started) once everything is processed, read while it still runs (the peak is gone with the
     * process). Heap and state size are not sampled: the bench cannot trigger the child's GC, and the
     * in-process repetitions measure the same state.
     */
    Sample repeatInChild() throws Exception {
        try (Admin admin = Clients.admin(deployment.bootstrap); AppProcess app = deployment.startProcess()) {
            double seconds = timeToProcess(admin, app);
            ProcessMemory.Status memory = app.memory();
            LOG.info("{}: alertstream run {} MiB RSS, {} MiB peak", deployment.name, Math.round(memory.residentMiB()),
                    Math.round(memory.peakResidentMiB()));
            return new Sample(events / seconds, seconds, memory.residentMiB(), memory.peakResidentMiB(), Double.NaN, Double.NaN);
        }
    }

    /** Seconds from RUNNING until every input record is processed and committed and the fan-out topic is drained. */
    private double timeToProcess(Admin admin, Deployment.Instance instance) throws Exception {
        long start = System.nanoTime();
        Duration timeout = Duration.ofSeconds(Math.max(300, events / 1000));
        if (!Clients.awaitProcessed(admin, instance, deployment.eventsTopic(), 1000, timeout)) {
            throw new IllegalStateException(deployment.name + ": " + events + " events not processed within " + timeout
                    + " (input lag " + Clients.lag(admin, instance.applicationId(), deployment.eventsTopic()) + ")");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("{}: {} events in {} s = {} events/s", deployment.name, events, seconds, events / seconds);
        return seconds;
    }
}
