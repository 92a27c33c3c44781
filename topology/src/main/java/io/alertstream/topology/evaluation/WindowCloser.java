package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
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
    private final KeyValueStore<String, AlertState> states;
    private final RuleCatalog catalog;
    private final GroupJudge judge;
    private final CounterPublisher counters;

    WindowCloser(CloseIndex closeIndex, KeyValueStore<String, AlertState> states, RuleCatalog catalog, GroupJudge judge,
                 CounterPublisher counters) {
        this.closeIndex = closeIndex;
        this.states = states;
        this.catalog = catalog;
        this.judge = judge;
        this.counters = counters;
    }

    /**
     * Closes every window due at the watermark. A window whose rule is disabled or deleted (or now an
     * absence rule) keeps its entry while its state does: the change may be undone before
     * {@link RuleRetirement} runs (within {@code rules.check.interval}), and a window whose entry were
     * gone would then never close, so its group would never be judged again. The retirement drops the
     * entries with the state; until then each watermark steps over them.
     */
    void closeDue(long watermark) {
        List<CloseIndex.Due> batch;
        CloseIndex.Due skipped = null;
        while (!(batch = closeIndex.dueUpTo(watermark, BATCH, skipped)).isEmpty()) {
            for (CloseIndex.Due due : batch) {
                CompiledRule rule = catalog.current().enabledRule(AlertKey.ruleIdOf(due.alertKey()));
                AlertState state = states.get(due.alertKey());
                if (state != null && (rule == null || rule.spec().isAbsence()) && holds(state, due.windowStart())) {
                    skipped = due;
                    continue;
                }
                closeIndex.remove(due);
                if (state != null && rule != null && !rule.spec().isAbsence()) {
                    close(rule, state, due, watermark);
                }
                // else: the rule is gone and so is this window (a wake-up for a window never opened), or the state is
            }
        }
    }

    private static boolean holds(AlertState state, long windowStart) {
        for (WindowAggregate w : state.windows) {
            if (w.start() == windowStart) {
                return true;
            }
        }
        return false;
    }

    private void close(CompiledRule rule, AlertState state, CloseIndex.Due due, long watermark) {
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
