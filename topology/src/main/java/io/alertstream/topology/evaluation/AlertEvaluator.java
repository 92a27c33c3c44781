package io.alertstream.topology.evaluation;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.Emission;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.processors.DistinctLimit;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.LoggerFactory;

/**
 * Input: the fan-out topic, keyed by alert key: matches (one event for one rule and group) and
 * watermarks (from every upstream task). Output: alert transitions and counter updates.
 *
 * <p>The work is split by job, in the order it happens:
 * <ol>
 *   <li>a match joins its windows ({@link WindowAggregator}; late events are dropped and counted),
 *   and the group's head window is judged early if its turn has come ({@link GroupJudge});</li>
 *   <li>a watermark record moves this task's watermark ({@link WatermarkKeeper}), and the windows due
 *   close in order ({@link WindowCloser}), each judged by the {@link GroupJudge};</li>
 *   <li>a match or partial of an absence rule moves its group's runs of event times, and the watermark
 *   judges the silences it makes final ({@link AbsenceTracker}, {@link AbsenceJudge});</li>
 *   <li>every wall-clock {@code counters.interval}, changed counters are published ({@link CounterPublisher});</li>
 *   <li>every {@code rules.check.interval}, alerts of deleted or disabled rules are resolved and their
 *   state purged ({@link RuleRetirement}).</li>
 * </ol>
 */
public final class AlertEvaluator implements Processor<String, FanOut, String, Emission> {
    private final AlertTopologyConfig config;
    private final RuleCatalog catalog;
    private ProcessorContext<String, Emission> context;
    private KeyValueStore<String, AlertState> states;
    private KeyValueStore<String, byte[]> pending;
    private CloseIndex closeIndex;
    private WatermarkKeeper watermark;
    private WindowAggregator aggregator;
    private GroupJudge judge;
    private WindowCloser closer;
    private CounterPublisher counters;
    private RuleRetirement retirement;
    private AbsenceTracker absences;
    private AlertMetrics metrics;
    private Sensor droppedLate;
    private Sensor droppedStale;
    private Sensor watermarkLag;
    private Sensor droppedDistinct;
    private AlertMetrics.Totals transitions;
    private RateLimitedLog lateLog;

    public AlertEvaluator(AlertTopologyConfig config, RuleCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        states = context.getStateStore(StoreNames.ALERT_STATE);
        pending = context.getStateStore(StoreNames.PENDING_COUNTERS);
        closeIndex = new CloseIndex(context.getStateStore(StoreNames.CLOSE_INDEX));
        watermark = new WatermarkKeeper(context.getStateStore(StoreNames.WATERMARKS), config.sourcePartitions());
        counters = new CounterPublisher(context, pending, states, catalog);
        aggregator = new WindowAggregator(closeIndex, counters, new DistinctLimit(config.limits()));
        judge = new GroupJudge(closeIndex, this::emit);
        closer = new WindowCloser(closeIndex, states, catalog, judge, counters);
        retirement = new RuleRetirement(context.getStateStore(StoreNames.RULE_REGISTRY), this::dropKind);
        absences = new AbsenceTracker(context.getStateStore(StoreNames.ABSENCE_STATE),
                new CloseIndex(context.getStateStore(StoreNames.ABSENCE_DUE_INDEX)), new AbsenceJudge(this::emit), catalog,
                context.taskId().partition(), config.sourcePartitions());
        metrics = new AlertMetrics(context.metrics(), context.taskId(), "evaluate");
        droppedLate = metrics.total("dropped-late", "Events dropped because every window they belong to had closed");
        droppedStale = metrics.total("dropped-stale-rule", "Matches dropped because their rule was deleted or changed meanwhile");
        lateLog = new RateLimitedLog(LoggerFactory.getLogger(AlertEvaluator.class), 10_000);
        droppedDistinct = metrics.total("distinct-values-dropped",
                "distinct_count values not counted because their window held alertstream.state.max.distinct.bytes of them");
        watermarkLag = metrics.gauge("watermark-lag-ms", "Wall-clock time minus this task's watermark");
        transitions = metrics.totals("transitions", "Alert transitions emitted, by rule, level and status", "rule", "level", "status");
        context.schedule(config.countersInterval(), PunctuationType.WALL_CLOCK_TIME, now -> {
            counters.publishChanged();
            // Also between watermark moves: a stalled watermark must show a growing lag, not its last reading.
            long current = watermark.current();
            if (current != Long.MIN_VALUE) {
                watermarkLag.record(now - current);
            }
        });
        context.schedule(config.ruleCheckInterval(), PunctuationType.WALL_CLOCK_TIME,
                now -> retirement.retireRemoved(catalog, states, pending, closeIndex, absences, watermark::current, this::emit));
    }

    @Override
    public void process(Record<String, FanOut> record) {
        if (record.value() instanceof FanOut.Watermark w) {
            if (watermark.update(w)) {
                watermarkLag.record(context.currentSystemTimeMs() - watermark.current());
                closer.closeDue(watermark.current());
                absences.judgeDue(watermark.current());
            }
            absences.registerListed(watermark.current(), retirement);
        } else if (record.value() instanceof FanOut.Match m) {
            CompiledRule rule = currentRule(record.key(), m.fingerprint(), 1);
            if (rule != null && rule.spec().isAbsence()) {
                onAbsent(rule, record.key(), m.eventTime(), m.eventTime(), 1);
            } else if (rule != null) {
                onContribution(rule, record.key(), m.eventTime(), 1, (state, wm) -> aggregator.add(rule, record.key(), state, m, wm));
            }
        } else if (record.value() instanceof FanOut.Partial p) {
            CompiledRule rule = currentRule(record.key(), p.fingerprint(), p.aggregate().count());
            if (rule != null && rule.spec().isAbsence()) {
                // The partial's min is its first event time (see RuleFanOut).
                onAbsent(rule, record.key(), (long) p.aggregate().value(rule.spec().aggregation()), p.lastEventTime(),
                        p.aggregate().count());
            } else if (rule != null) {
                onContribution(rule, record.key(), p.lastEventTime(), p.aggregate().count(),
                        (state, wm) -> aggregator.add(rule, record.key(), state, p, wm));
            }
        }
    }

    /** The rule the contribution was made for, or null (counted) when it was deleted or changed since. */
    private CompiledRule currentRule(String alertKey, int fingerprint, long events) {
        CompiledRule rule = catalog.current().enabledRule(AlertKey.ruleIdOf(alertKey));
        if (rule == null || rule.stateFingerprint() != fingerprint) {
            droppedStale.record(events);
            return null;
        }
        return rule;
    }

    /** How a contribution joins a group's windows. */
    private interface Join {
        WindowAggregator.Added apply(AlertState state, long watermark);
    }

    private void onContribution(CompiledRule rule, String alertKey, long eventTime, long events, Join join) {
        retirement.register(rule);
        AlertState state = states.get(alertKey);
        if (state == null) {
            state = new AlertState();
            state.fingerprint = rule.stateFingerprint();
        } else if (state.fingerprint != rule.stateFingerprint()) {
            GroupJudge.restart(state, rule);
        }
        long wm = watermark.current();
        WindowAggregator.Added added = join.apply(state, wm);
        if (added.droppedDistinct() > 0) {
            droppedDistinct.record(added.droppedDistinct());
            lateLog.warn(rule.id() + "/distinct", context.currentSystemTimeMs(), "Rule '{}': {} distinct value(s) for {} not counted:"
                    + " the window holds the most alertstream.state.max.distinct.bytes={} allows (its distinct_count under-counts)."
                    + " Counted in the distinct-values-dropped metric", rule.id(), added.droppedDistinct(), alertKey,
                    config.limits().maxDistinctBytes());
        }
        if (!added.accepted()) {
            droppedLate.record(events);
            lateLog.warn(rule.id(), context.currentSystemTimeMs(), "Rule '{}': {} event(s) at {} dropped as late for {}: every window they"
                    + " belong to has closed (watermark {}; upstream readings: {}). Counted in the dropped-late metric",
                    rule.id(), events, java.time.Instant.ofEpochMilli(eventTime), alertKey, java.time.Instant.ofEpochMilli(wm),
                    watermark.describe());
            return;
        }
        // An event within grace lies behind the watermark; a decision it brings about happens after it, and
        // after any transition already stamped with a close time (closes happen at or before the watermark).
        long decidedAt = wm == Long.MIN_VALUE ? eventTime : Math.max(eventTime, wm + 1);
        judge.judgeHead(rule, alertKey, state, wm, decidedAt, added.opened());
        states.put(alertKey, state);
    }

    /** A rule changed kind (threshold rule to absence rule or back): the old kind's alerts resolve, its state goes. */
    private void dropKind(CompiledRule previous) {
        if (previous.spec().isAbsence()) {
            absences.purge(previous, watermark.current());
        } else {
            RuleRemoval.purge(previous, states, pending, closeIndex, watermark.current(), this::emit);
        }
    }

    /** Matching events of an absence rule, from {@code first} to {@code last}: late ones are dropped and counted. */
    private void onAbsent(CompiledRule rule, String alertKey, long first, long last, long events) {
        retirement.register(rule);
        long wm = watermark.current();
        if (!absences.add(rule, alertKey, first, last, wm)) {
            droppedLate.record(events);
            lateLog.warn(rule.id(), context.currentSystemTimeMs(), "Rule '{}': {} event(s) at {} dropped as late for {}: more than"
                    + " absent.grace behind the watermark {} (upstream readings: {}). Counted in the dropped-late metric",
                    rule.id(), events, java.time.Instant.ofEpochMilli(last), alertKey, java.time.Instant.ofEpochMilli(wm),
                    watermark.describe());
        }
    }

    private void emit(Alert alert, long at) {
        transitions.record(1, alert.ruleId(), alert.level() != null ? alert.level() : alert.previousLevel(), alert.status());
        context.forward(new Record<>(alert.alertKey(), (Emission) alert, at));
        // Under exactly-once an alert is readable only once its transaction commits: one about the present
        // asks for that commit now (the thread commits after this record) rather than at the interval.
        // Alerts about old data, as when a backlog is read, ride the regular commits and keep them few.
        long within = config.commitOnAlertWithin().toMillis();
        long now = context.currentSystemTimeMs();
        if (within > 0 && now - at <= within && URGENT_COMMITS.get().allow(now)) {
            context.commit();
        }
    }

    /**
     * Commit requests of one stream thread's tasks, at most one per {@link #MIN_GAP_MS}: a commit
     * costs the whole thread (every task's caches, one transaction), and in an alert storm one per
     * alert would stall it. Alerts in between ride the commit already requested.
     */
    static final class CommitGate {
        static final long MIN_GAP_MS = 100;
        private long last = Long.MIN_VALUE;

        boolean allow(long now) {
            if (last != Long.MIN_VALUE && now - last < MIN_GAP_MS) {
                return false;
            }
            last = now;
            return true;
        }
    }

    private static final ThreadLocal<CommitGate> URGENT_COMMITS = ThreadLocal.withInitial(CommitGate::new);

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
