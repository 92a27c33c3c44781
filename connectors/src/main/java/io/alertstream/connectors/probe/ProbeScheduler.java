package io.alertstream.connectors.probe;

import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Runs the checks of one task's targets on their schedule with bounded concurrency and turns outcomes into
 * source records.
 *
 * <p>Input: target upserts and removals ({@link #upsert}, {@link #remove}) with the slot last committed for
 * new targets. Output: {@link #poll} returns the records of checks that completed, each with source partition
 * {@code {target: id}} and offset {@code {scheduled_ms: slot}}. Semantics: a target's slots are
 * {@link ProbeSchedule}'s; at most {@code concurrency} checks are in flight, and at most one per target (a slot
 * that comes due while the previous check runs waits for it). A check that starts late keeps its scheduled
 * time. All methods run on the task thread; only the probe futures complete elsewhere, into a queue.
 * Metrics: completed checks by outcome and slots skipped on resume ({@code alertstream_connector_probe_*}).
 */
public final class ProbeScheduler {
    private final Prober prober;
    private final int concurrency;
    private final String location;
    private final String topic;
    private final LongSupplier clock;
    private final Map<String, Entry> entries = new HashMap<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>();
    private final LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
    private int inFlight;
    private long generations;
    private volatile boolean closed;
    private Tags metricTags = ConnectorMetrics.taskTags(Map.of());

    ProbeScheduler(Prober prober, int concurrency, String location, String topic, LongSupplier clock) {
        this.prober = prober;
        this.concurrency = concurrency;
        this.location = location;
        this.topic = topic;
        this.clock = clock;
    }

    /**
     * The {@code connector} and {@code task} tags of what this scheduler records. Registers the skipped-slots and
     * ok-checks counters at 0 at once, so their series exist (and {@code rate()} works) before the first check.
     */
    void metricTags(Tags tags) {
        this.metricTags = tags;
        skippedSlots();
        checks("ok");
    }

    private Counter skippedSlots() {
        return ConnectorMetrics.counter(ConnectorMetrics.PROBE_SKIPPED_SLOTS, metricTags,
                "Schedule slots not run because more than one interval passed since the last committed check "
                        + "(after a restart or rebalance only the most recent past slot runs)");
    }

    private Counter checks(String outcome) {
        return ConnectorMetrics.counter(ConnectorMetrics.PROBE_CHECKS, metricTags.and("outcome", outcome),
                "Checks completed, by outcome: ok or the error (timeout, dns, tls, connect, io, blocked, "
                        + "unexpected-status, body-mismatch)");
    }

    /** Creates a scheduler that probes over HTTP with the given connector config (used by the benchmark). */
    public static ProbeScheduler http(Map<String, String> props) {
        ProbeSourceConnectorConfig config = new ProbeSourceConnectorConfig(props);
        ProbeScheduler scheduler = new ProbeScheduler(new HttpProber(config), config.concurrency(), config.location(),
                config.probesTopic(), System::currentTimeMillis);
        scheduler.metricTags(ConnectorMetrics.taskTags(props));
        return scheduler;
    }

    /** Adds a target from its JSON definition (the value of a targets record); used by the benchmark. */
    public void upsertJson(String id, String json) {
        try {
            upsert(TargetParser.parse(id, json), null);
        } catch (TargetParser.InvalidTargetException e) {
            throw new IllegalArgumentException("target " + id + ": " + e.getMessage(), e);
        }
    }

    /** True when the target is already scheduled here (so its committed offset need not be read). */
    boolean knows(String targetId) {
        return entries.containsKey(targetId);
    }

    /**
     * Adds or changes a target. A new target starts at {@link ProbeSchedule#resume} from {@code lastCommittedSlot};
     * a changed one keeps its next slot unless its interval changed.
     */
    void upsert(ProbeTarget target, Long lastCommittedSlot) {
        Entry entry = entries.get(target.id());
        long now = clock.getAsLong();
        if (entry == null) {
            entry = new Entry(target);
            entries.put(target.id(), entry);
            long first = ProbeSchedule.resume(lastCommittedSlot, now, target.intervalMs(), phase(target));
            if (lastCommittedSlot != null) {
                countSkipped(ProbeSchedule.slotAfter(lastCommittedSlot, target.intervalMs(), phase(target)), first,
                        target.intervalMs());
            }
            schedule(entry, first);
            return;
        }
        long oldInterval = entry.target.intervalMs();
        entry.target = target;
        if (oldInterval != target.intervalMs()) {
            Long last = entry.lastStartedSlot == Long.MIN_VALUE ? null : entry.lastStartedSlot;
            schedule(entry, ProbeSchedule.resume(last, now, target.intervalMs(), phase(target)));
        }
    }

    void remove(String targetId) {
        entries.remove(targetId); // its queued slot is skipped when it comes up
    }

    int targets() {
        return entries.size();
    }

    /**
     * Starts the checks that are due, waits up to {@code maxWaitMs} (less if a check comes due sooner) for
     * results, and returns the records of all completed checks (possibly none).
     */
    public List<SourceRecord> poll(long maxWaitMs) throws InterruptedException {
        startDue();
        long wait = maxWaitMs;
        Due head = due.peek();
        if (head != null && inFlight < concurrency) {
            wait = Math.max(0, Math.min(wait, head.slot - clock.getAsLong()));
        }
        List<Done> completed = new ArrayList<>();
        Done first = wait > 0 ? done.poll(wait, TimeUnit.MILLISECONDS) : done.poll();
        if (first != null) {
            completed.add(first);
            done.drainTo(completed);
        }
        List<SourceRecord> records = new ArrayList<>(completed.size());
        for (Done check : completed) {
            inFlight--;
            Entry entry = entries.get(check.target.id());
            if (entry != null) {
                entry.inFlight = false;
                if (entry.parked) {
                    entry.parked = false;
                    due.add(new Due(entry.nextSlot, entry.target.id(), entry.generation));
                }
            }
            records.add(record(check));
        }
        startDue();
        return records;
    }

    private void startDue() {
        if (closed) {
            return; // stop() came from the worker thread while this poll ran: start nothing new
        }
        long now = clock.getAsLong();
        while (inFlight < concurrency && !due.isEmpty() && due.peek().slot <= now) {
            Due next = due.poll();
            Entry entry = entries.get(next.targetId);
            if (entry == null || entry.generation != next.generation) {
                continue; // removed, or rescheduled by an interval change
            }
            if (entry.inFlight) {
                entry.parked = true; // resumes when the running check completes
                continue;
            }
            ProbeTarget target = entry.target;
            long slot = next.slot;
            entry.inFlight = true;
            entry.lastStartedSlot = slot;
            inFlight++;
            prober.probe(target).whenComplete((outcome, failure) -> done.add(new Done(target, slot,
                    outcome != null ? outcome : ProbeOutcome.failed(HttpProber.errorOf(failure), 0))));
            entry.nextSlot = slot + target.intervalMs();
            due.add(new Due(entry.nextSlot, target.id(), entry.generation));
        }
    }

    private void schedule(Entry entry, long slot) {
        entry.generation = ++generations;
        entry.nextSlot = slot;
        entry.parked = false;
        due.add(new Due(slot, entry.target.id(), entry.generation));
    }

    /** Slots from {@code next} (inclusive) to {@code resumed} (exclusive) are not run: counted as skipped. */
    private void countSkipped(long next, long resumed, long intervalMs) {
        long skipped = (resumed - next) / intervalMs;
        if (skipped > 0) {
            skippedSlots().increment(skipped);
        }
    }

    private SourceRecord record(Done check) {
        Map<String, Object> value = ProbeResults.result(check.target, check.slot, check.outcome, location);
        Object error = value.get("error");
        checks(error == null ? "ok" : error.toString()).increment();
        return new SourceRecord(sourcePartition(check.target.id()), Map.of(OFFSET_KEY, check.slot), topic, null,
                Schema.STRING_SCHEMA, check.target.id(), null, value, check.slot);
    }

    static final String PARTITION_KEY = "target";
    static final String OFFSET_KEY = "scheduled_ms";

    static Map<String, Object> sourcePartition(String targetId) {
        return Map.of(PARTITION_KEY, targetId);
    }

    private static long phase(ProbeTarget target) {
        return TargetAssignment.phaseOf(target.id(), target.intervalMs());
    }

    /** Stops probing; in-flight checks are abandoned (their slots are run again after a restart). */
    public void close() {
        closed = true;
        prober.close();
    }

    private static final class Entry {
        ProbeTarget target;
        long nextSlot;
        long generation;
        long lastStartedSlot = Long.MIN_VALUE;
        boolean inFlight;
        boolean parked;

        Entry(ProbeTarget target) {
            this.target = target;
        }
    }

    private record Due(long slot, String targetId, long generation) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            return Long.compare(slot, other.slot);
        }
    }

    private record Done(ProbeTarget target, long slot, ProbeOutcome outcome) {
    }
}
