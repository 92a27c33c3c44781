package io.alertstream.topology.processors;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.FanOutSerde;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Input: this upstream task's matches and watermarks, in order. Output: the same stream for the
 * fan-out topic, with the matches of one rule, group and window slot gathered into one
 * {@link FanOut.Partial} (every aggregate alertstream computes merges), so a busy group costs one
 * record per slot per flush instead of one per event.
 *
 * <p>Why it stays exact: a slot's events all belong to the same windows, so a partial joins exactly
 * the windows its events would have; and every partial is sent before the watermark record that
 * follows its events, so the watermark never overtakes the data it speaks for. Partials are flushed
 * every {@code alertstream.preaggregate.interval} of wall-clock time (which bounds the latency it
 * adds) and before every watermark. Partials not yet sent are kept in a logged store, so what a
 * commit covers is never lost; its cache coalesces the changelog writes of a busy slot.
 *
 * <p>The first match of a slot in each interval goes out at once, as it is; only the ones after it
 * are gathered. So a quiet group pays nothing (no store write, no delay: the latency of a first
 * crossing is unchanged) and a busy one sends at most two records per slot per interval.
 */
public final class PreAggregator implements Processor<String, FanOut, String, FanOut> {
    private static final FanOutSerde SERDE = new FanOutSerde();
    private final AlertTopologyConfig config;
    private final RuleCatalog catalog;
    private ProcessorContext<String, FanOut> context;
    private KeyValueStore<String, byte[]> store;
    /** The store's content as objects, so an event costs no deserialization. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** Slots whose first match of this interval went out already. */
    private final Set<String> sentThisInterval = new HashSet<>();
    private AlertMetrics metrics;
    private Sensor gathered;
    private Sensor sent;
    private Sensor droppedDistinct;
    private DistinctLimit distinctLimit;
    private RateLimitedLog rateLimited;

    /** A slot's partial and its first match, sent as is when it stays alone. */
    private static final class Pending {
        final String alertKey;
        final FanOut.Match first;
        FanOut.Partial partial;

        Pending(String alertKey, FanOut.Match first, FanOut.Partial partial) {
            this.alertKey = alertKey;
            this.first = first;
            this.partial = partial;
        }
    }

    public PreAggregator(AlertTopologyConfig config, RuleCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<String, FanOut> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.PRE_AGGREGATES);
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "pre-aggregate");
        this.gathered = metrics.total("pre-aggregated-events", "Matches gathered into partial aggregates");
        this.droppedDistinct = metrics.total("distinct-values-dropped",
                "distinct_count values not counted because their slot held alertstream.state.max.distinct.bytes of them");
        this.distinctLimit = new DistinctLimit(config.limits());
        this.rateLimited = new RateLimitedLog(org.slf4j.LoggerFactory.getLogger(PreAggregator.class), 10_000);
        this.sent = metrics.total("pre-aggregated-records", "Records sent for gathered matches (partials, or a match alone)");
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            // Left by a crash after a commit: sent at the first flush, as they would have been.
            all.forEachRemaining(e -> {
                FanOut.Partial p = (FanOut.Partial) SERDE.deserialize(null, e.value);
                pending.put(e.key, new Pending(alertKeyOf(e.key), null, p));
            });
        }
        context.schedule(config.preAggregateInterval(), PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void process(Record<String, FanOut> record) {
        if (record.value() instanceof FanOut.Match m) {
            CompiledRule rule = catalog.current().enabledRule(AlertKey.ruleIdOf(record.key()));
            if (rule == null || rule.stateFingerprint() != m.fingerprint()) {
                context.forward(record); // the evaluating task counts it as stale
                return;
            }
            gather(rule, record.key(), m);
        } else {
            flush(); // everything before the watermark goes before it
            context.forward(record);
        }
    }

    private void gather(CompiledRule rule, String alertKey, FanOut.Match m) {
        long slot = rule.spec().window().slotFor(m.eventTime());
        String key = alertKey + "\u0000" + m.fingerprint() + "\u0000" + slot;
        if (sentThisInterval.add(key)) {
            context.forward(new Record<>(alertKey, m, Math.max(0, m.eventTime())));
            return;
        }
        Pending p = pending.get(key);
        WindowAggregate aggregate = p == null ? new WindowAggregate(slot) : p.partial.aggregate();
        if (!aggregate.add(rule.spec().aggregation(), m, distinctLimit.perWindow(rule.spec().window()))) {
            // The partial's distinct set is bounded like a window's: it travels as one fan-out record.
            droppedDistinct.record(1);
            rateLimited.warn(rule.id(), context.currentSystemTimeMs(), "Rule '{}': a distinct value for {} not counted: the"
                    + " pre-aggregated slot holds the most alertstream.state.max.distinct.bytes allows", rule.id(), alertKey);
        }
        long last = p == null ? m.eventTime() : Math.max(p.partial.lastEventTime(), m.eventTime());
        FanOut.Partial partial = new FanOut.Partial(slot, m.fingerprint(), last, aggregate);
        if (p == null) {
            pending.put(key, new Pending(alertKey, m, partial));
        } else {
            p.partial = partial;
        }
        store.put(key, SERDE.serialize(null, partial));
        gathered.record(1);
    }

    private void flush() {
        sentThisInterval.clear();
        if (pending.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(pending.keySet());
        for (String key : keys) {
            Pending p = pending.remove(key);
            FanOut out = p.first != null && p.partial.aggregate().count() == 1 ? p.first : p.partial;
            context.forward(new Record<>(p.alertKey, out, Math.max(0, p.partial.lastEventTime())));
            store.delete(key);
            sent.record(1);
        }
    }

    private static String alertKeyOf(String key) {
        return key.substring(0, key.indexOf('\u0000'));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
