package io.alertstream.connectors.probe;

import io.alertstream.connectors.common.ConnectorVersion;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One share of the uptime targets: reads the whole targets topic, keeps the targets {@link TargetAssignment}
 * gives this task, and returns one record per check from {@link #poll}.
 *
 * <p>On start, and whenever a target newly becomes this task's, its next slot follows the slot committed in
 * Connect's offsets ({@link ProbeSchedule#resume}). Bad target records are skipped with a warning at most once
 * a minute; they never fail the task. Only the target id and the reason are logged, never the URL.
 */
public class ProbeSourceTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeSourceTask.class);
    static final String TASK_INDEX = "probe.task.index";
    static final String TASK_COUNT = "probe.task.count";
    private static final long POLL_WAIT_MS = 200;

    private final BiFunction<ProbeSourceConnectorConfig, String, TargetFeed> feeds;
    private final Function<ProbeSourceConnectorConfig, Prober> probers;
    private final LongSupplier clock;
    private final long pollWaitMs;
    private final RateLimitedWarning badTargets;
    private TargetFeed feed;
    private ProbeScheduler scheduler;
    private TargetAssignment assignment;

    public ProbeSourceTask() {
        this(KafkaTargetFeed::new, HttpProber::new, System::currentTimeMillis, POLL_WAIT_MS);
    }

    /** For tests: the targets, the prober, the clock and the longest wait in poll come from the caller. */
    ProbeSourceTask(BiFunction<ProbeSourceConnectorConfig, String, TargetFeed> feeds,
                    Function<ProbeSourceConnectorConfig, Prober> probers, LongSupplier clock, long pollWaitMs) {
        this.feeds = feeds;
        this.probers = probers;
        this.clock = clock;
        this.pollWaitMs = pollWaitMs;
        this.badTargets = new RateLimitedWarning(LOG, 60_000, clock);
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ProbeSourceConnectorConfig config = new ProbeSourceConnectorConfig(props);
        assignment = new TargetAssignment(intProp(props, TASK_INDEX, 0), intProp(props, TASK_COUNT, 1));
        feed = feeds.apply(config, "alertstream-probe-targets-" + assignment.taskIndex());
        scheduler = new ProbeScheduler(probers.apply(config), config.concurrency(), config.location(),
                config.probesTopic(), clock);
        scheduler.metricTags(ConnectorMetrics.taskTags(props));
        LOG.info("Probe task {} of {} started (targets from '{}', results to '{}')", assignment.taskIndex(),
                assignment.taskCount(), config.targetsTopic(), config.probesTopic());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        applyTargetChanges(feed.poll(Duration.ZERO));
        List<SourceRecord> records = scheduler.poll(pollWaitMs);
        return records.isEmpty() ? null : records;
    }

    private void applyTargetChanges(List<TargetFeed.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // Last record per key wins, as compaction would have it.
        Map<String, ProbeTarget> upserts = new HashMap<>();
        List<String> removals = new ArrayList<>();
        for (TargetFeed.Change change : changes) {
            if (change.key() == null) {
                badTargets.warn("Skipping a record of the targets topic without a key (the target id)");
                continue;
            }
            if (!assignment.owns(change.key())) {
                continue;
            }
            if (change.value() == null) {
                upserts.remove(change.key());
                removals.add(change.key());
                continue;
            }
            try {
                upserts.put(change.key(), TargetParser.parse(change.key(), change.value()));
                removals.remove(change.key());
            } catch (TargetParser.InvalidTargetException e) {
                badTargets.warn("Skipping target '{}': {} (fix its record in the targets topic)", change.key(),
                        e.getMessage());
            }
        }
        removals.forEach(scheduler::remove);
        Map<String, Long> committed = committedSlots(upserts.keySet().stream().filter(id -> !scheduler.knows(id)).toList());
        upserts.values().forEach(target -> scheduler.upsert(target, committed.get(target.id())));
    }

    /** The committed slot of each target, read in one batch (each read is a round trip in distributed mode). */
    private Map<String, Long> committedSlots(List<String> targetIds) {
        Map<String, Long> slots = new HashMap<>();
        if (targetIds.isEmpty() || context == null) {
            return slots;
        }
        OffsetStorageReader reader = context.offsetStorageReader();
        Map<Map<String, Object>, Map<String, Object>> offsets =
                reader.offsets(targetIds.stream().map(ProbeScheduler::sourcePartition).toList());
        for (String id : targetIds) {
            Map<String, Object> offset = offsets.get(ProbeScheduler.sourcePartition(id));
            if (offset != null && offset.get(ProbeScheduler.OFFSET_KEY) instanceof Number slot) {
                slots.put(id, slot.longValue());
            }
        }
        return slots;
    }

    private static int intProp(Map<String, String> props, String key, int fallback) {
        String value = props.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, value, "set by ProbeSourceConnector; do not configure it by hand");
        }
    }

    @Override
    public void stop() {
        if (feed != null) {
            feed.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }
}
