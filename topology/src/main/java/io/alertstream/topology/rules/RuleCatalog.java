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

    /**
     * An immutable view: every rule by id, the enabled ones in id order for fan-out, and the
     * {@link RuleIndex} over the enabled ones.
     *
     * <p>The index is built on first use, not on publish: the rules store is restored one rule at a
     * time (a snapshot per rule), and building an index for each of 10,000 intermediate snapshots
     * nobody reads would make loading quadratic. Fan-out builds it once per snapshot it sees.
     */
    public static final class Snapshot {
        private final Map<String, CompiledRule> byId;
        private final List<CompiledRule> enabled;
        private volatile RuleIndex index;

        Snapshot(Map<String, CompiledRule> byId, List<CompiledRule> enabled) {
            this.byId = byId;
            this.enabled = enabled;
        }

        public Map<String, CompiledRule> byId() {
            return byId;
        }

        public List<CompiledRule> enabled() {
            return enabled;
        }

        public CompiledRule enabledRule(String id) {
            CompiledRule rule = byId.get(id);
            return rule != null && rule.spec().enabled() ? rule : null;
        }

        /** The index over {@link #enabled()}, in the same order; built once, by the first caller. */
        public RuleIndex index() {
            RuleIndex built = index;
            if (built == null) {
                synchronized (this) { // two stream threads meeting a new snapshot build it once
                    built = index;
                    if (built == null) {
                        built = RuleIndex.build(enabled);
                        index = built;
                    }
                }
            }
            return built;
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
