package io.alertstream.topology.routing;

import io.alertstream.topology.StoreNames;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.YamlValues;
import io.alertstream.topology.support.AlertMetrics;
import io.alertstream.topology.support.RateLimitedLog;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global routing store and the {@link RoutingCatalog} in step with the routing topic (key
 * {@value RoutingFile#TOPIC_KEY}, value the routing file's YAML). The value is read with the same
 * reader as the file, so a bad record (written by hand, or by an older version) is logged with
 * {@code file:line:column} problems and the routing in force keeps running. A tombstone removes the
 * routing: no notifications, no scheduled digests. On start the catalog is rebuilt from the restored store.
 *
 * <p>Never throws: this runs on the global thread, and a throw there stops the whole application, which
 * then cannot start again until the record is tombstoned. Rejections are logged rate-limited (a replayed
 * topic full of bad versions must not flood the log) with the key, offset and problems, never the value.
 */
public final class RoutingStoreUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStoreUpdater.class);
    /** How many problems of one rejected record are logged; the rest are counted. */
    private static final int MAX_LOGGED_PROBLEMS = 20;
    private final RoutingCatalog catalog;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> store;
    private AlertMetrics metrics;
    private AlertMetrics.Totals updates;

    public RoutingStoreUpdater(RoutingCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        store = context.getStateStore(StoreNames.ROUTING);
        metrics = new AlertMetrics(context.metrics(), context.taskId(), "routing-store");
        updates = metrics.totals("routing-updates", "Routing records read from the routing topic, by result: applied, rejected "
                + "(invalid: the routing in force keeps running), deleted, ignored (wrong key)", "result");
        String source = store.get(RoutingFile.TOPIC_KEY);
        if (source != null && apply(source, "the routing store")) {
            LOG.info("Routing loaded from the routing store: {} receivers", catalog.current().receivers().size());
        }
    }

    @Override
    public void process(Record<String, String> record) {
        if (!RoutingFile.TOPIC_KEY.equals(record.key())) {
            rateLimited.warn("key", context.currentSystemTimeMs(), "Ignoring a record keyed '{}' at {} on the routing topic "
                    + "(the only key is '{}')", YamlValues.clip(record.key()), where(), RoutingFile.TOPIC_KEY);
            updates.record(1, "ignored");
            return;
        }
        if (record.value() == null) {
            store.delete(RoutingFile.TOPIC_KEY);
            catalog.set(RoutingSpec.NONE);
            LOG.info("Routing removed: no notifications are computed until a routing file is published");
            updates.record(1, "deleted");
            return;
        }
        if (apply(record.value(), where())) {
            store.put(RoutingFile.TOPIC_KEY, record.value());
            LOG.info("Routing updated: {} receivers", catalog.current().receivers().size());
            updates.record(1, "applied");
        } else {
            updates.record(1, "rejected");
        }
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }

    private boolean apply(String source, String where) {
        RoutingReader.Result read;
        try {
            read = RoutingReader.read("routing topic", source);
            if (read.ok()) {
                catalog.set(read.spec());
                return true;
            }
        } catch (RuntimeException | StackOverflowError e) {
            read = new RoutingReader.Result(null, List.of(new RuleProblem("routing topic", 1, 1, e.getClass().getSimpleName())));
        }
        List<RuleProblem> problems = read.problems();
        rateLimited.warn("invalid", context.currentSystemTimeMs(), "The routing at {} is invalid and was ignored; the routing "
                + "in force keeps running. {} problem(s): {}{}", where, problems.size(),
                problems.subList(0, Math.min(problems.size(), MAX_LOGGED_PROBLEMS)),
                problems.size() > MAX_LOGGED_PROBLEMS ? " ..." : "");
        return false;
    }

    /** The record's coordinates, for logs: {@code topic-partition@offset}. */
    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "-" + m.partition() + "@" + m.offset()).orElse("the routing topic");
    }
}
