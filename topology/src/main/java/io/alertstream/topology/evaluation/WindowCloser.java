package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.GroupState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.GroupKey;
import io.alertstream.topology.rules.RuleCatalog;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * When the watermark moves: every window due at it closes, in close-time order (so each group's
 * windows close in start order), in batches from the {@link CloseIndex}, including the empty
 * successors that closing opens. Each close is judged by the {@link GroupJudge}; its final counter is
 * published; a group with nothing left to judge is deleted.
 */
final class WindowCloser {
    private static final int BATCH = 1000;

    private final CloseIndex closeIndex;
    private final KeyValueStore<String, GroupState> states;
    private final RuleCatalog catalog;
    private final GroupJudge judge;
    private final CounterPublisher counters;

    WindowCloser(CloseIndex closeIndex, KeyValueStore<String, GroupState> states, RuleCatalog catalog, GroupJudge judge,
                 CounterPublisher counters) {
        this.closeIndex = closeIndex;
        this.states = states;
        this.catalog = catalog;
        this.judge = judge;
        this.counters = counters;
    }

    void closeDue(long watermark) {
        List<CloseIndex.Due> batch;
        while (!(batch = closeIndex.dueUpTo(watermark, BATCH)).isEmpty()) {
            for (CloseIndex.Due due : batch) {
                closeIndex.remove(due);
                close(due, watermark);
            }
        }
    }

    private void close(CloseIndex.Due due, long watermark) {
        CompiledRule rule = catalog.current().enabledRule(GroupKey.ruleIdOf(due.alertKey()));
        // A rule now an absence rule: its windows' state is dropped by RuleRetirement, not judged by it.
        GroupState state = rule == null || rule.spec().isAbsence() ? null : states.get(due.alertKey());
        if (state == null) {
            return; // rule deleted (purged separately) or state already gone
        }
        if (state.fingerprint != rule.stateFingerprint()) {
            judge.closeAfterRuleChange(rule, due.alertKey(), state, due.windowStart(), due.closeTime(), watermark);
        } else {
            for (WindowAggregate closed : judge.close(rule, due.alertKey(), state, due.windowStart(), due.closeTime(), watermark)) {
                counters.publishFinal(rule, due.alertKey(), closed);
            }
        }
        if (state.idle()) {
            states.delete(due.alertKey());
        } else {
            states.put(due.alertKey(), state);
        }
    }
}
