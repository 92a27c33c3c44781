package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Remembers, in a logged registry, the definition of every rule this task holds state for, so that
 * when a rule is deleted or disabled its firing alerts can still be resolved (rendered with the last
 * definition) and its state purged, even after a restart.
 */
final class RuleRetirement {
    private final KeyValueStore<String, String> registry;
    private final Map<String, CompiledRule> registered = new HashMap<>();

    private final Consumer<CompiledRule> dropKind;

    /**
     * @param dropKind resolves the alerts and drops the state of a rule's previous definition when the rule
     *                 turned from a threshold rule into an absence rule or back: their states mean nothing to each other
     */
    RuleRetirement(KeyValueStore<String, String> registry, Consumer<CompiledRule> dropKind) {
        this.registry = registry;
        this.dropKind = dropKind;
        try (KeyValueIterator<String, String> all = registry.all()) {
            while (all.hasNext()) {
                registered.put(all.next().key, null);
            }
        }
    }

    /** The rule is in use here: keep its definition (written once per definition, not per event). */
    void register(CompiledRule rule) {
        CompiledRule previous = registered.get(rule.id());
        if (previous != rule) {
            if (previous == null && registered.containsKey(rule.id())) {
                String json = registry.get(rule.id()); // after a restart: the definition this task last used
                previous = json == null ? null : RuleRemoval.compileLastKnown(rule.id(), json);
            }
            if (previous != null && previous.spec().isAbsence() != rule.spec().isAbsence()) {
                dropKind.accept(previous);
            }
            registry.put(rule.id(), rule.json());
            registered.put(rule.id(), rule);
        }
    }

    /** Resolves the alerts of rules that were deleted or disabled, and drops their state. */
    void retireRemoved(RuleCatalog catalog, KeyValueStore<String, AlertState> states, KeyValueStore<String, byte[]> pending,
                       CloseIndex closeIndex, AbsenceTracker absences, LongSupplier watermark, ObjLongConsumer<Alert> emit) {
        RuleCatalog.Snapshot snapshot = catalog.current();
        for (String id : new ArrayList<>(registered.keySet())) {
            CompiledRule current = snapshot.enabledRule(id);
            if (current != null) {
                register(current); // a rule that changed kind drops its old state even if no event comes
                continue;
            }
            String json = registry.get(id);
            CompiledRule last = json == null ? null : RuleRemoval.compileLastKnown(id, json);
            if (last != null && last.spec().isAbsence()) {
                absences.purge(last, watermark.getAsLong());
            } else if (last != null) {
                RuleRemoval.purge(last, states, pending, closeIndex, watermark.getAsLong(), emit);
            } else {
                // Index entries of a removed rule are kept until it is retired (see WindowCloser, AbsenceTracker): retire it.
                absences.drop(id);
                RuleRemoval.drop(id, states, pending);
            }
            registry.delete(id);
            registered.remove(id);
        }
    }
}
