package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.AbsenceState;
import io.alertstream.topology.processors.FanOutPartitioner;
import io.alertstream.topology.rules.Absence;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.FieldPath;
import io.alertstream.topology.rules.RuleCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The absence rules of one evaluating task: each group's {@link AbsenceState} in a logged store keyed by
 * alert key (so groups spread over partitions like every rule's), and a due index (a {@link CloseIndex}
 * on its own store: due watermark, alert key) so a watermark only visits the groups whose silence it can
 * make final, however many groups there are. A group reporting steadily costs one state write and one
 * index move per match or partial; a firing group waits in no index until an event comes (then until the
 * watermark makes the earliest event after the silence final).
 *
 * <p>Input: matches and partials of absence rules, watermarks, rule catalog changes. Output, through
 * the {@link AbsenceJudge}: FIRING and RESOLVED transitions.
 */
final class AbsenceTracker {
    private static final int BATCH = 1000;

    private final KeyValueStore<String, AbsenceState> states;
    private final CloseIndex dueIndex;
    private final AbsenceJudge judge;
    private final RuleCatalog catalog;
    private final int partition;
    private final int partitions;
    /** The catalog whose listed groups were last registered; null after a (re)start. */
    private RuleCatalog.Snapshot registered;

    AbsenceTracker(KeyValueStore<String, AbsenceState> states, CloseIndex dueIndex, AbsenceJudge judge, RuleCatalog catalog,
                   int partition, int partitions) {
        this.states = states;
        this.dueIndex = dueIndex;
        this.judge = judge;
        this.catalog = catalog;
        this.partition = partition;
        this.partitions = partitions;
    }

    /**
     * Matching events from {@code first} to {@code last} (less than {@code for} apart) for one group.
     * Returns false when every one of them is late (more than grace behind the watermark): dropped.
     */
    boolean add(CompiledRule rule, String alertKey, long first, long last, long watermark) {
        long known = AbsenceJudge.known(rule.spec().absence(), watermark);
        if (last < known) {
            return false;
        }
        AbsenceState state = load(rule, alertKey);
        judge.add(rule, state, Math.max(first, known), last);
        save(rule, alertKey, state, watermark);
        return true;
    }

    /**
     * Judges every group whose silence (or resolution) the watermark may have made final.
     *
     * <p>A group whose rule is disabled or deleted (or no longer an absence rule) keeps its entry: the
     * change may be undone before {@link RuleRetirement} runs (within {@code rules.check.interval}), and a
     * group whose entry were gone would then never be judged again if it stays silent. The retirement
     * drops the entries with the state; until then each watermark steps over them (an entry whose state
     * is gone goes at once).
     */
    void judgeDue(long watermark) {
        List<CloseIndex.Due> batch;
        CloseIndex.Due skipped = null;
        while (!(batch = dueIndex.dueUpTo(watermark, BATCH, skipped)).isEmpty()) {
            for (CloseIndex.Due due : batch) {
                CompiledRule rule = catalog.current().enabledRule(AlertKey.ruleIdOf(due.alertKey()));
                AbsenceState state = states.get(due.alertKey());
                if (state != null && (rule == null || !rule.spec().isAbsence())) {
                    skipped = due;
                    continue;
                }
                dueIndex.remove(due);
                if (state == null) {
                    continue;
                }
                state.due = Long.MIN_VALUE;
                AbsenceState current = load(rule, due.alertKey(), state);
                save(rule, due.alertKey(), current, watermark);
            }
        }
    }

    /**
     * Once per catalog change (and after a restart): every group an absence rule lists, owned by this task
     * and without state yet, starts as if it had reported at the watermark, so it fires if it sends nothing
     * for {@code for} from now.
     */
    void registerListed(long watermark, RuleRetirement retirement) {
        RuleCatalog.Snapshot snapshot = catalog.current();
        if (watermark == Long.MIN_VALUE || snapshot == registered) {
            return;
        }
        registered = snapshot;
        for (CompiledRule rule : snapshot.enabled()) {
            Absence absence = rule.spec().absence();
            if (absence == null || absence.groups().isEmpty()) {
                continue;
            }
            for (Map<String, Object> group : absence.groups()) {
                String alertKey = AlertKey.alertKey(rule.id(), AlertKey.encode(rule.groupBy(), asEvent(rule, group)));
                if (FanOutPartitioner.partitionOf(alertKey, partitions) != partition || states.get(alertKey) != null) {
                    continue;
                }
                retirement.register(rule);
                AbsenceState state = new AbsenceState();
                state.fingerprint = rule.stateFingerprint();
                state.runs.add(new long[] {watermark, watermark});
                save(rule, alertKey, state, watermark);
            }
        }
    }

    /** The rule was deleted or disabled: firing alerts resolve, and every group's state and index entry go. */
    int purge(CompiledRule rule, long watermark) {
        List<KeyValue<String, AbsenceState>> groups = new ArrayList<>();
        try (KeyValueIterator<String, AbsenceState> it = states.prefixScan(rule.id() + "|", Serdes.String().serializer())) {
            it.forEachRemaining(groups::add);
        }
        for (KeyValue<String, AbsenceState> kv : groups) {
            judge.retire(rule, kv.key, kv.value, watermark);
            if (kv.value.due != Long.MIN_VALUE) {
                dueIndex.remove(kv.value.due, 0, kv.key);
            }
            states.delete(kv.key);
        }
        registered = null; // re-listed if the rule comes back
        return groups.size();
    }

    /**
     * A removed rule whose last definition cannot be read any more: its groups' state and index entries
     * go, without transitions (there is nothing to render them with), so no watermark steps over them again.
     */
    void drop(String ruleId) {
        List<KeyValue<String, AbsenceState>> groups = new ArrayList<>();
        try (KeyValueIterator<String, AbsenceState> it = states.prefixScan(ruleId + "|", Serdes.String().serializer())) {
            it.forEachRemaining(groups::add);
        }
        for (KeyValue<String, AbsenceState> kv : groups) {
            if (kv.value.due != Long.MIN_VALUE) {
                dueIndex.remove(kv.value.due, 0, kv.key);
            }
            states.delete(kv.key);
        }
    }

    private AbsenceState load(CompiledRule rule, String alertKey) {
        AbsenceState state = states.get(alertKey);
        if (state == null) {
            state = new AbsenceState();
            state.fingerprint = rule.stateFingerprint();
            return state;
        }
        return load(rule, alertKey, state);
    }

    /**
     * A state built under another definition of the rule ({@code for} or grace changed) keeps only the
     * group's last event time, from which the new definition counts; a firing alert stays until an event.
     */
    private AbsenceState load(CompiledRule rule, String alertKey, AbsenceState state) {
        if (state.fingerprint != rule.stateFingerprint()) {
            long last = state.lastEventTime();
            long[] beforeSilence = state.level != null && state.runs.size() > 1 ? state.runs.get(0) : null;
            long resumed = beforeSilence == null ? last : state.runs.get(1)[0];
            state.runs.clear();
            if (beforeSilence != null) {
                // Firing, and events came after the silence: the earliest still resolves it, once final.
                state.runs.add(beforeSilence);
            }
            if (last != Long.MIN_VALUE) {
                state.runs.add(new long[] {resumed, last});
            }
            state.fingerprint = rule.stateFingerprint();
        }
        return state;
    }

    private void save(CompiledRule rule, String alertKey, AbsenceState state, long watermark) {
        long due = judge.judge(rule, alertKey, state, watermark);
        if (due != state.due) {
            if (state.due != Long.MIN_VALUE) {
                dueIndex.remove(state.due, 0, alertKey);
            }
            if (due != Long.MIN_VALUE) {
                dueIndex.add(due, 0, alertKey);
            }
            state.due = due;
        }
        states.put(alertKey, state);
    }

    /** A listed group as the event that would carry it, so its group key is the one its events produce. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> asEvent(CompiledRule rule, Map<String, Object> group) {
        Map<String, Object> event = new HashMap<>();
        for (FieldPath path : rule.groupBy()) {
            String[] parts = path.path().split("\\.");
            Map<String, Object> at = event;
            for (int i = 0; i < parts.length - 1; i++) {
                if (!(at.get(parts[i]) instanceof Map)) {
                    at.put(parts[i], new HashMap<String, Object>());
                }
                at = (Map<String, Object>) at.get(parts[i]);
            }
            at.put(parts[parts.length - 1], group.get(path.path()));
        }
        return event;
    }
}
