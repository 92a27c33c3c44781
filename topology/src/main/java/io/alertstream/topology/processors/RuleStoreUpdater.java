package io.alertstream.topology.processors;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.rules.RuleCompiler;
import io.alertstream.topology.rules.RuleSourceReader;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.YamlValues;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintains the global rules store from the compacted {@code rules} topic (key: rule id, value: rule
 * JSON, tombstone: delete) and keeps the instance's {@link RuleCatalog} in step. A value that does
 * not read or compile (malformed JSON, an out-of-range duration, a megabyte of garbage) is logged,
 * rate-limited, with its key, offset and problems, and ignored: the previous version of that rule keeps
 * running. Nothing here throws: a throw on the global thread would stop the application. On start the catalog is rebuilt from the restored store.
 */
public final class RuleStoreUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RuleStoreUpdater.class);
    private final RuleCatalog catalog;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> store;
    private AlertMetrics metrics;
    private AlertMetrics.Totals updates;

    public RuleStoreUpdater(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(StoreNames.RULES);
        metrics = new AlertMetrics(context.metrics(), context.taskId(), "rules-store");
        updates = metrics.totals("rule-updates", "Rule records read from the rules topic, by result: applied, rejected "
                + "(invalid: the previous version keeps running), deleted, ignored (no key)", "result");
        int loaded = 0;
        try (KeyValueIterator<String, String> all = store.all()) {
            while (all.hasNext()) {
                var entry = all.next();
                if (apply(entry.key, entry.value)) {
                    loaded++;
                }
            }
        }
        LOG.info("Loaded {} rules from the rules store", loaded);
    }

    @Override
    public void process(Record<String, String> record) {
        String id = record.key();
        if (id == null) {
            LOG.warn("Ignoring a record without key on the rules topic (the key must be the rule id)");
            updates.record(1, "ignored");
            return;
        }
        if (record.value() == null) {
            store.delete(id);
            catalog.remove(id);
            LOG.info("Rule '{}' deleted", id);
            updates.record(1, "deleted");
            return;
        }
        boolean applied;
        try {
            applied = apply(id, record.value());
        } catch (RuntimeException | StackOverflowError e) {
            // Never fatal: a throw on the global thread stops the application until the key is tombstoned.
            logRejected(id, java.util.List.of(new RuleProblem("rules topic", 1, 1, e.getClass().getSimpleName())));
            applied = false;
        }
        if (applied) {
            store.put(id, record.value());
            LOG.info("Rule '{}' updated", id);
        }
        updates.record(1, applied ? "applied" : "rejected");
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private boolean apply(String id, String json) {
        RuleSourceReader.Result read = RuleSourceReader.readRule("rules topic, rule '" + YamlValues.clip(id) + "'"
                + context.recordMetadata().map(m -> " at " + m.topic() + "-" + m.partition() + "@" + m.offset()).orElse(""), json);
        if (!read.problems().isEmpty()) {
            logRejected(id, read.problems());
            return false;
        }
        var parsed = read.rules().get(0);
        if (!parsed.spec().id().equals(id)) {
            rateLimited.warn(YamlValues.clip(id), context.currentSystemTimeMs(), "Rule record keyed '{}' holds rule id '{}'; "
                    + "ignored (the key must be the rule id)", YamlValues.clip(id), parsed.spec().id());
            return false;
        }
        RuleCompiler.Outcome outcome = RuleCompiler.compile(parsed);
        if (outcome.rule() == null) {
            logRejected(id, outcome.problems());
            return false;
        }
        catalog.put(outcome.rule());
        return true;
    }

    private void logRejected(String id, java.util.List<RuleProblem> problems) {
        // Rate-limited per rule id: a topic replayed with many bad versions must not flood the log; at most 20 problems each.
        rateLimited.warn(YamlValues.clip(id), context.currentSystemTimeMs(), "Rule '{}' on the rules topic is invalid and was "
                + "ignored; its previous version keeps running: {}", YamlValues.clip(id), problems.subList(0, Math.min(20, problems.size())));
    }
}
