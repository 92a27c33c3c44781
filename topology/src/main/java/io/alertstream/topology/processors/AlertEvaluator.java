package io.alertstream.topology.processors;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.Emission;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.GroupState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.GroupKey;
import io.alertstream.topology.rules.Level;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.rules.WindowSpec;
import io.alertstream.topology.watermark.WatermarkTracker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Input: the fan-out topic, keyed by alert key: matches (one event for one rule and group) and
 * watermarks (from every upstream task). Output: alert transitions and counter updates.
 *
 * <p>Per event: the event joins every window of its rule that contains it and has not closed; the
 * running aggregate is judged at once, so an alert fires (or escalates) at the first event that
 * crosses a level. Per watermark advance: windows whose end plus grace the watermark has passed close
 * in event-time order; a closed window can hold, lower or clear the level (with hysteresis), and only
 * closing can lower it. Events for windows already closed are dropped as late and counted.
 * Every wall-clock {@code counters.interval}, changed counters are published once each; every
 * {@code rules.check.interval}, alerts of deleted or disabled rules are resolved and their state purged.
 */
public final class AlertEvaluator implements Processor<String, FanOut, String, Emission> {
    private static final int CLOSE_BATCH = 1000;

    private final AlertTopologyConfig config;
    private final RuleCatalog catalog;
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, GroupState> states;
    private KeyValueStore<Integer, byte[]> watermarks;
    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<String, String> registry;
    private CloseIndex closeIndex;
    private WatermarkTracker tracker;
    private final Map<String, CompiledRule> registered = new HashMap<>();
    private AlertMetrics metrics;
    private Sensor droppedLate;
    private Sensor droppedStale;
    private Sensor watermarkLag;

    public AlertEvaluator(AlertTopologyConfig config, RuleCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        states = context.getStateStore(StoreNames.ALERT_STATE);
        watermarks = context.getStateStore(StoreNames.WATERMARKS);
        pending = context.getStateStore(StoreNames.PENDING_COUNTERS);
        registry = context.getStateStore(StoreNames.RULE_REGISTRY);
        closeIndex = new CloseIndex(context.getStateStore(StoreNames.CLOSE_INDEX));
        tracker = new WatermarkTracker(config.sourcePartitions());
        try (KeyValueIterator<Integer, byte[]> all = watermarks.all()) {
            while (all.hasNext()) {
                var e = all.next();
                ByteBuffer b = ByteBuffer.wrap(e.value);
                if (e.key < 0) {
                    tracker.restoreCurrent(b.getLong());
                } else {
                    tracker.restore(e.key, b.getLong(), b.get() == 1);
                }
            }
        }
        try (KeyValueIterator<String, String> all = registry.all()) {
            while (all.hasNext()) {
                registered.put(all.next().key, null);
            }
        }
        metrics = new AlertMetrics(context.metrics(), context.taskId(), "evaluate");
        droppedLate = metrics.total("dropped-late", "Events dropped because every window they belong to had closed");
        droppedStale = metrics.total("dropped-stale-rule", "Matches dropped because their rule was deleted or changed meanwhile");
        watermarkLag = metrics.gauge("watermark-lag-ms", "Wall-clock time minus this task's watermark");
        context.schedule(config.countersInterval(), PunctuationType.WALL_CLOCK_TIME, now -> publishCounters());
        context.schedule(config.ruleCheckInterval(), PunctuationType.WALL_CLOCK_TIME, now -> purgeRemovedRules());
    }

    @Override
    public void process(Record<String, FanOut> record) {
        if (record.value() instanceof FanOut.Watermark w) {
            onWatermark(w);
        } else if (record.value() instanceof FanOut.Match m) {
            onMatch(record.key(), m);
        }
    }

    private void onWatermark(FanOut.Watermark w) {
        watermarks.put(w.source(), ByteBuffer.allocate(9).putLong(tracker.sourceTime(w.source()) > w.time()
                ? tracker.sourceTime(w.source()) : w.time()).put((byte) (w.idle() ? 1 : 0)).array());
        if (tracker.update(w.source(), w.sources(), w.time(), w.idle())) {
            long wm = tracker.current();
            watermarks.put(-1, ByteBuffer.allocate(8).putLong(wm).array());
            watermarkLag.record(context.currentSystemTimeMs() - wm);
            closeDue(wm);
        }
    }

    private void onMatch(String alertKey, FanOut.Match m) {
        CompiledRule rule = catalog.current().enabledRule(GroupKey.ruleIdOf(alertKey));
        if (rule == null || rule.stateFingerprint() != m.fingerprint()) {
            droppedStale.record(1);
            return;
        }
        register(rule);
        GroupState state = states.get(alertKey);
        if (state == null) {
            state = new GroupState();
            state.fingerprint = rule.stateFingerprint();
        } else if (state.fingerprint != rule.stateFingerprint()) {
            restart(state, rule);
        }
        WindowSpec ws = rule.spec().window();
        long t = m.eventTime();
        long wm = tracker.current();
        Level reached = state.level;
        WindowAggregate reachedIn = null;
        boolean accepted = false;
        for (long start = ws.lastStartFor(t); start > t - ws.sizeMs(); start -= ws.advanceMs()) {
            long closeTime = start + ws.sizeMs() + ws.graceMs();
            if (closeTime <= wm || start <= state.lastClosedStart) {
                continue; // this window has closed: the event is late for it
            }
            WindowAggregate w = state.window(start);
            if (w == null) {
                w = state.openWindow(start);
                closeIndex.add(closeTime, start, alertKey);
            }
            w.add(rule.spec().aggregation(), m);
            pending.put(alertKey + "|" + start, new byte[0]);
            accepted = true;
            Level level = LevelJudge.running(rule, state, w);
            if (Level.rank(level) > Level.rank(reached)) {
                reached = level;
                reachedIn = w;
            }
        }
        if (!accepted) {
            droppedLate.record(1);
            return;
        }
        if (reachedIn != null) {
            Level previous = state.level;
            if (previous == null) {
                state.firingSince = t;
            }
            state.level = reached;
            emit(AlertFactory.transition(rule, alertKey, previous, reached, reachedIn.value(rule.spec().aggregation()),
                    reachedIn.start(), t, state.firingSince), t);
        }
        states.put(alertKey, state);
    }

    /** Closes every window due at this watermark, oldest first, including empty successors it creates. */
    private void closeDue(long wm) {
        List<CloseIndex.Due> batch;
        while (!(batch = closeIndex.dueUpTo(wm, CLOSE_BATCH)).isEmpty()) {
            for (CloseIndex.Due due : batch) {
                closeIndex.remove(due);
                close(due);
            }
        }
    }

    private void close(CloseIndex.Due due) {
        CompiledRule rule = catalog.current().enabledRule(GroupKey.ruleIdOf(due.alertKey()));
        GroupState state = rule == null ? null : states.get(due.alertKey());
        if (state == null) {
            return; // rule deleted (purged separately) or state already gone
        }
        WindowAggregate w = state.window(due.windowStart());
        if (state.fingerprint != rule.stateFingerprint()) {
            restart(state, rule);
            w = new WindowAggregate(due.windowStart()); // judge the change as an empty window
        } else if (w == null) {
            return;
        }
        WindowSpec ws = rule.spec().window();
        double value = w.value(rule.spec().aggregation());
        state.windows.remove(w);
        if (state.lastClosedStart != Long.MIN_VALUE && w.start() != state.lastClosedStart + ws.advanceMs()) {
            state.warningStreak = 0;
            state.criticalStreak = 0;
        }
        Level next = Level.max(LevelJudge.closed(rule, state, value), LevelJudge.runningMax(rule, state));
        state.lastClosedStart = w.start();
        publishFinalCounter(rule, due.alertKey(), w);
        Level previous = state.level;
        if (Level.rank(next) != Level.rank(previous)) {
            if (previous == null) {
                state.firingSince = due.closeTime();
            }
            state.level = next;
            emit(AlertFactory.transition(rule, due.alertKey(), previous, next, value, w.start(), due.closeTime(),
                    state.firingSince), due.closeTime());
        }
        long successor = w.start() + ws.advanceMs();
        boolean keepJudging = w.count() > 0 || state.level != null || state.warningStreak > 0 || state.criticalStreak > 0;
        if (keepJudging && state.window(successor) == null) {
            // Judge the next window even if no event comes: that is how a firing alert resolves when
            // its group goes quiet, and how "below" catches a count dropping to zero.
            state.openWindow(successor);
            closeIndex.add(successor + ws.sizeMs() + ws.graceMs(), successor, due.alertKey());
        }
        if (state.idle()) {
            states.delete(due.alertKey());
        } else {
            states.put(due.alertKey(), state);
        }
    }

    /** A rule's window or aggregate changed: its windows start afresh; a firing alert stays until judged again. */
    private static void restart(GroupState state, CompiledRule rule) {
        state.windows.clear();
        state.fingerprint = rule.stateFingerprint();
        state.warningStreak = 0;
        state.criticalStreak = 0;
        state.lastClosedStart = Long.MIN_VALUE;
    }

    private void publishFinalCounter(CompiledRule rule, String alertKey, WindowAggregate w) {
        String key = alertKey + "|" + w.start();
        if (pending.get(key) != null) {
            pending.delete(key);
            emitCounter(rule, alertKey, w);
        }
    }

    private void publishCounters() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = pending.all()) {
            all.forEachRemaining(e -> keys.add(e.key));
        }
        for (String key : keys) {
            pending.delete(key);
            int cut = key.lastIndexOf('|');
            String alertKey = key.substring(0, cut);
            long start = Long.parseLong(key.substring(cut + 1));
            CompiledRule rule = catalog.current().enabledRule(GroupKey.ruleIdOf(alertKey));
            GroupState state = rule == null ? null : states.get(alertKey);
            WindowAggregate w = state == null ? null : state.window(start);
            if (w != null) {
                emitCounter(rule, alertKey, w);
            }
        }
    }

    private void emitCounter(CompiledRule rule, String alertKey, WindowAggregate w) {
        // Stamped with the window start, never its end: an open window's end lies in the future, and
        // brokers refuse timestamps more than log.message.timestamp.after.max.ms (1 h) ahead.
        context.forward(new Record<>(alertKey + "|" + w.start(), (Emission) AlertFactory.counter(rule, alertKey, w), w.start()));
    }

    private void register(CompiledRule rule) {
        if (registered.get(rule.id()) != rule) {
            registry.put(rule.id(), rule.json());
            registered.put(rule.id(), rule);
        }
    }

    /** Resolves the alerts of rules that were deleted or disabled, and drops their state. */
    private void purgeRemovedRules() {
        RuleCatalog.Snapshot snapshot = catalog.current();
        for (String id : new ArrayList<>(registered.keySet())) {
            if (snapshot.enabledRule(id) != null) {
                continue;
            }
            String json = registry.get(id);
            CompiledRule last = json == null ? null : RuleRemoval.compileLastKnown(id, json);
            if (last != null) {
                RuleRemoval.purge(last, states, pending, closeIndex, tracker.current(),
                        (alert, at) -> emit(alert, at));
            }
            registry.delete(id);
            registered.remove(id);
        }
    }

    private void emit(io.alertstream.topology.model.Alert alert, long at) {
        context.forward(new Record<>(alert.alertKey(), (Emission) alert, at));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.remove(droppedLate, droppedStale, watermarkLag);
        }
    }

}
