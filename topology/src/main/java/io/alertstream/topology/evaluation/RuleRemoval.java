package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCompiler;
import io.alertstream.topology.rules.RuleSourceReader;
import io.alertstream.topology.rules.WindowSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a rule's state when the rule is deleted or disabled: every firing alert of the rule
 * is resolved (rendered with the rule's last known definition) and all its windows, index entries and
 * pending counters are dropped. Keys are found by prefix scan ({@code ruleId|}), so the cost is the
 * rule's own keys, not the store's.
 */
final class RuleRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(RuleRemoval.class);

    private RuleRemoval() {
    }

    static CompiledRule compileLastKnown(String id, String json) {
        RuleSourceReader.Result read = RuleSourceReader.readRule("rule registry, rule '" + id + "'", json);
        if (read.rules().isEmpty()) {
            LOG.error("Cannot read the last definition of removed rule '{}': {}", id, read.problems());
            return null;
        }
        return RuleCompiler.compile(read.rules().get(0)).rule();
    }

    /**
     * A removed rule whose last definition cannot be read any more: its groups' state and pending counters
     * go, without transitions (there is nothing to render them with). Its index entries are dropped when
     * the watermark reaches them and finds no state ({@link WindowCloser}).
     */
    static void drop(String ruleId, KeyValueStore<String, AlertState> states, KeyValueStore<String, byte[]> pending) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, AlertState> it = states.prefixScan(ruleId + "|", Serdes.String().serializer())) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(states::delete);
        List<String> counters = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = pending.prefixScan(ruleId + "|", Serdes.String().serializer())) {
            it.forEachRemaining(kv -> counters.add(kv.key));
        }
        counters.forEach(pending::delete);
        LOG.warn("Rule '{}' removed, its last definition unreadable: dropped the state of {} groups without resolving them",
                ruleId, keys.size());
    }

    static void purge(CompiledRule rule, KeyValueStore<String, AlertState> states, KeyValueStore<String, byte[]> pending,
                      CloseIndex closeIndex, long watermark, ObjLongConsumer<Alert> emit) {
        List<KeyValue<String, AlertState>> keys = new ArrayList<>();
        try (KeyValueIterator<String, AlertState> it = states.prefixScan(rule.id() + "|", Serdes.String().serializer())) {
            it.forEachRemaining(keys::add);
        }
        WindowSpec ws = rule.spec().window();
        int resolved = 0;
        for (KeyValue<String, AlertState> kv : keys) {
            AlertState state = kv.value;
            if (state.level != null) {
                long at = GroupJudge.stamp(state, Math.max(watermark, state.firingSince));
                long windowStart = state.lastClosedStart == Long.MIN_VALUE ? ws.lastStartFor(at) : state.lastClosedStart;
                emit.accept(AlertFactory.transition(rule, kv.key, state.level, null, Double.NaN, Double.NaN, windowStart, at,
                        state.firingSince), at);
                resolved++;
            }
            for (WindowAggregate w : state.windows) {
                closeIndex.remove(w.start() + ws.sizeMs() + ws.graceMs(), w.start(), kv.key);
                pending.delete(kv.key + "|" + w.start());
            }
            states.delete(kv.key);
        }
        LOG.info("Rule '{}' removed: resolved {} firing alerts, dropped state of {} groups", rule.id(), resolved, keys.size());
    }
}
