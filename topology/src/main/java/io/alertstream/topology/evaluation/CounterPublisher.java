package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.Emission;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes window counters (the running value of each window, for dashboards and Redis). A window
 * whose aggregate changed is marked in a logged store; every {@code counters.interval} each marked
 * window is published once however many events it took, and a closing window publishes its final
 * value at once.
 */
final class CounterPublisher {
    private final ProcessorContext<String, Emission> context;
    private final KeyValueStore<String, byte[]> pending;
    private final KeyValueStore<String, AlertState> states;
    private final RuleCatalog catalog;

    CounterPublisher(ProcessorContext<String, Emission> context, KeyValueStore<String, byte[]> pending,
                     KeyValueStore<String, AlertState> states, RuleCatalog catalog) {
        this.context = context;
        this.pending = pending;
        this.states = states;
        this.catalog = catalog;
    }

    void changed(String alertKey, long windowStart) {
        pending.put(alertKey + "|" + windowStart, new byte[0]);
    }

    /** The window closed: its final value, if it changed since last published. */
    void publishFinal(CompiledRule rule, String alertKey, WindowAggregate w) {
        String key = alertKey + "|" + w.start();
        if (pending.get(key) != null) {
            pending.delete(key);
            emit(rule, alertKey, w);
        }
    }

    /** Every window that changed since the last call, once each. */
    void publishChanged() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = pending.all()) {
            all.forEachRemaining(e -> keys.add(e.key));
        }
        for (String key : keys) {
            pending.delete(key);
            int cut = key.lastIndexOf('|');
            String alertKey = key.substring(0, cut);
            long start = Long.parseLong(key.substring(cut + 1));
            CompiledRule rule = catalog.current().enabledRule(AlertKey.ruleIdOf(alertKey));
            AlertState state = rule == null ? null : states.get(alertKey);
            WindowAggregate w = state == null ? null : state.window(start);
            if (w != null) {
                emit(rule, alertKey, w);
            }
        }
    }

    private void emit(CompiledRule rule, String alertKey, WindowAggregate w) {
        // Stamped with the window start, never its end: an open window's end lies in the future, and
        // brokers refuse timestamps more than log.message.timestamp.after.max.ms (1 h) ahead.
        context.forward(new Record<>(alertKey + "|" + w.start(), (Emission) AlertFactory.counter(rule, alertKey, w), w.start()));
    }
}
