package io.alertstream.topology.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The compiled rules of one application instance, shared by the global thread that reads the
 * {@code rules} topic and the stream threads that evaluate events. Readers get an immutable
 * snapshot; writers only count their change, and the next reader builds the new one (see {@link #current()}).
 */
public final class RuleCatalog {
    /** Every rule by id, in id order; read and written only under this catalog's lock. */
    private final TreeMap<String, CompiledRule> rules = new TreeMap<>();
    /** The number of writes so far; written under the lock, read without it. */
    private volatile long version;
    /** The newest snapshot built; current while its version is {@link #version}. */
    private volatile Snapshot snapshot = new Snapshot(0, Map.of(), List.of());

    /** An immutable view: every rule by id, the enabled ones in id order, and the index over those. */
    public static final class Snapshot {
        private final long version;
        private final Map<String, CompiledRule> byId;
        private final List<CompiledRule> enabled;
        private final RuleIndex index;
        private final FieldsRead fieldsRead;

        Snapshot(long version, Map<String, CompiledRule> byId, List<CompiledRule> enabled) {
            this.version = version;
            this.byId = byId;
            this.enabled = enabled;
            this.index = RuleIndex.build(enabled);
            this.fieldsRead = FieldsRead.union(enabled.stream().map(CompiledRule::fieldsRead).toList());
        }

        /** The top-level event fields the enabled rules read: all the parser needs to build. */
        public FieldsRead fieldsRead() {
            return fieldsRead;
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

        /** The candidates for fan-out; ordinals are positions in {@link #enabled()}. */
        public RuleIndex index() {
            return index;
        }
    }

    /**
     * The current snapshot: two volatile reads while the rules are unchanged. The first reader after a
     * change builds the new snapshot and its index: it copies the rules under the lock (O(rules)) and
     * indexes them outside it, so the rules thread is never held up by an index build. A write costs
     * O(log rules): restoring 10,000 rules one put at a time no longer copies, sorts and indexes the
     * whole catalog on every put. While rules change one by one under live traffic, a stream thread
     * rebuilds at most once per event that sees a change.
     */
    public Snapshot current() {
        Snapshot current = snapshot;
        return current.version == version ? current : rebuild();
    }

    public synchronized void put(CompiledRule rule) {
        rules.put(rule.id(), rule);
        version++;
    }

    public synchronized void remove(String id) {
        if (rules.remove(id) != null) {
            version++;
        }
    }

    private Snapshot rebuild() {
        Map<String, CompiledRule> byId;
        long at;
        synchronized (this) {
            byId = new LinkedHashMap<>(rules);
            at = version;
        }
        Snapshot built = new Snapshot(at, Collections.unmodifiableMap(byId),
                byId.values().stream().filter(r -> r.spec().enabled()).toList());
        synchronized (this) {
            if (snapshot.version < at) { // another thread may have published a newer one meanwhile
                snapshot = built;
            }
        }
        return built;
    }
}
