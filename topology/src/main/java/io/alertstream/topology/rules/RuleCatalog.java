package io.alertstream.topology.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled rules of one application instance, shared by the global thread that reads the
 * {@code rules} topic and the stream threads that evaluate events. Writers replace an immutable
 * snapshot; readers take the current one with a single volatile read per event, never a lock.
 */
public final class RuleCatalog {
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of());

    /** An immutable view: every rule by id, and the enabled ones in id order for fan-out. */
    public record Snapshot(Map<String, CompiledRule> byId, List<CompiledRule> enabled) {
        public CompiledRule enabledRule(String id) {
            CompiledRule rule = byId.get(id);
            return rule != null && rule.spec().enabled() ? rule : null;
        }
    }

    public Snapshot current() {
        return snapshot;
    }

    public synchronized void put(CompiledRule rule) {
        Map<String, CompiledRule> next = new LinkedHashMap<>(snapshot.byId());
        next.put(rule.id(), rule);
        publish(next);
    }

    public synchronized void remove(String id) {
        Map<String, CompiledRule> next = new LinkedHashMap<>(snapshot.byId());
        if (next.remove(id) != null) {
            publish(next);
        }
    }

    private void publish(Map<String, CompiledRule> byId) {
        List<CompiledRule> enabled = new ArrayList<>();
        byId.values().stream().filter(r -> r.spec().enabled()).sorted((a, b) -> a.id().compareTo(b.id())).forEach(enabled::add);
        snapshot = new Snapshot(Collections.unmodifiableMap(byId), List.copyOf(enabled));
    }
}
