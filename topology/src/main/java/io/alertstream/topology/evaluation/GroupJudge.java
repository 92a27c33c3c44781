package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.Level;
import io.alertstream.topology.rules.WindowSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one group's windows strictly in window order, which is what makes alerts independent of
 * the order in which events arrive.
 *
 * <ul>
 *   <li><b>Final judgement</b> ({@link #close}): a window is judged when the watermark passes its end
 *   plus grace. Windows close in start order, so the breach streaks ({@code for}), hysteresis and the
 *   level are always those of the windows before it.</li>
 *   <li><b>Early judgement</b> ({@link #judgeHead}): the oldest open window (the head) may raise the
 *   level on its running value, once its turn has come: every earlier window is closed or can no
 *   longer receive events (its close time is behind the watermark). A later window waits, and is judged
 *   at once when the windows before it close. Only crossings later events cannot undo are judged early
 *   ({@code Aggregation#judgedOnlyAtClose}), so an early decision is always the one the close would
 *   take.</li>
 *   <li><b>Escalation steps through every level</b>: a raise from OK to critical emits FIRING warning,
 *   then FIRING critical, both for the same window. Whether the window crossed warning first (live)
 *   or was already above critical when its turn came (catch-up) then yields the same transitions.</li>
 * </ul>
 * Lowering happens only at a close. The transitions (status, levels, window) are therefore a function
 * of the events in each window; only the value and event time carried by a FIRING reflect the moment
 * of the decision.
 */
final class GroupJudge {
    /** Where transitions go, with the event time to stamp them with. */
    interface Transitions {
        void emit(Alert alert, long at);
    }

    private static final Level[] LEAST_SEVERE_FIRST = {Level.WARNING, Level.CRITICAL};

    private final CloseSchedule closeIndex;
    private final Transitions out;

    GroupJudge(CloseSchedule closeIndex, Transitions out) {
        this.closeIndex = closeIndex;
        this.out = out;
    }

    /**
     * Judges the head window early, if its turn has come. When it has not, and {@code schedule} is
     * set, registers a wake-up at the close time of the window before the head (a window that was never
     * opened has no close of its own), so the head is judged as soon as the watermark gets there.
     */
    void judgeHead(CompiledRule rule, String alertKey, AlertState state, long watermark, long at, boolean schedule) {
        if (state.windows.isEmpty()) {
            return;
        }
        WindowSpec ws = rule.spec().window();
        WindowAggregate head = state.windows.get(0);
        long before = head.start() - ws.advanceMs();
        long beforeCloses = before + ws.sizeMs() + ws.graceMs();
        if (before > state.lastClosedStart && beforeCloses > watermark) {
            if (schedule) {
                closeIndex.add(beforeCloses, before, alertKey);
            }
            return;
        }
        Level level = LevelJudge.running(rule, state, head);
        if (Level.rank(level) > Level.rank(state.level)) {
            raise(rule, alertKey, state, level, head.value(rule.spec().aggregation()), head.threshold(), head.start(), at);
        }
    }

    /**
     * The watermark passed the close time of the window starting at {@code windowStart}: judges it (if
     * it is open) and then every other window of the group already due, oldest first, including the
     * empty successors closing opens while the group still needs judging (so a quiet group resolves).
     * Due windows close here at once, not through the index, because the closer holds a batch of
     * index entries already read: a successor due before the rest of that batch must close first.
     * Then the next window gets its turn. Returns the windows closed, in order.
     */
    List<WindowAggregate> close(CompiledRule rule, String alertKey, AlertState state, long windowStart, long closeTime,
                                long watermark) {
        WindowSpec ws = rule.spec().window();
        List<WindowAggregate> closed = new ArrayList<>(1);
        WindowAggregate w = state.window(windowStart);
        if (w != null) {
            closeOne(rule, alertKey, state, w, closeTime);
            closed.add(w);
        }
        while (!state.windows.isEmpty()) {
            WindowAggregate head = state.windows.get(0);
            long headCloses = head.start() + ws.sizeMs() + ws.graceMs();
            if (headCloses > watermark) {
                break;
            }
            closeIndex.remove(headCloses, head.start(), alertKey);
            closeOne(rule, alertKey, state, head, headCloses);
            closed.add(head);
        }
        judgeHead(rule, alertKey, state, watermark, closeTime, true);
        return closed;
    }

    private void closeOne(CompiledRule rule, String alertKey, AlertState state, WindowAggregate w, long closeTime) {
        WindowSpec ws = rule.spec().window();
        state.windows.remove(w);
        judgeClosed(rule, alertKey, state, w, closeTime);
        long successor = w.start() + ws.advanceMs();
        boolean keepJudging = w.count() > 0 || state.level != null || state.warningStreak > 0 || state.criticalStreak > 0;
        if (keepJudging && state.window(successor) == null) {
            // Judge the next window even if no event comes: that is how a firing alert resolves when
            // its group goes quiet, and how "below" catches a count dropping to zero.
            state.openWindow(successor);
            closeIndex.add(successor + ws.sizeMs() + ws.graceMs(), successor, alertKey);
        }
    }

    /**
     * A window of an older definition of the rule (its window or aggregate changed) is due: the group's
     * windows start afresh, and the change is judged as an empty window, so a firing alert resolves
     * or holds by the new definition.
     */
    List<WindowAggregate> closeAfterRuleChange(CompiledRule rule, String alertKey, AlertState state, long windowStart,
                                               long closeTime, long watermark) {
        restart(state, rule);
        state.openWindow(windowStart);
        return close(rule, alertKey, state, windowStart, closeTime, watermark);
    }

    private void judgeClosed(CompiledRule rule, String alertKey, AlertState state, WindowAggregate w, long closeTime) {
        WindowSpec ws = rule.spec().window();
        double value = w.value(rule.spec().aggregation());
        if (state.lastClosedStart != Long.MIN_VALUE && w.start() != state.lastClosedStart + ws.advanceMs()) {
            state.warningStreak = 0;
            state.criticalStreak = 0;
        }
        Level next = LevelJudge.closed(rule, state, value, w.threshold());
        state.lastClosedStart = w.start();
        if (Level.rank(next) > Level.rank(state.level)) {
            raise(rule, alertKey, state, next, value, w.threshold(), w.start(), closeTime);
        } else if (Level.rank(next) < Level.rank(state.level)) {
            Level previous = state.level;
            state.level = next;
            long at = stamp(state, closeTime);
            out.emit(AlertFactory.transition(rule, alertKey, previous, next, value, w.threshold(), w.start(), at,
                    state.firingSince), at);
        }
    }

    /** Raises the level to {@code to}, one transition per defined level on the way. */
    private void raise(CompiledRule rule, String alertKey, AlertState state, Level to, double value, double threshold,
                       long windowStart, long at) {
        for (Level step : LEAST_SEVERE_FIRST) {
            if (Level.rank(step) <= Level.rank(state.level) || Level.rank(step) > Level.rank(to)
                    || (step != to && rule.spec().trigger(step) == null)) {
                continue;
            }
            Level previous = state.level;
            long stamped = stamp(state, at);
            if (previous == null) {
                state.firingSince = stamped;
            }
            state.level = step;
            out.emit(AlertFactory.transition(rule, alertKey, previous, step, value, threshold, windowStart, stamped,
                    state.firingSince),
                    stamped);
        }
    }

    /**
     * The event time to stamp a transition with: the decision's, moved up to 1 ms past the group's
     * previous transition when they coincide (a step of an escalation, or a window judged in the same
     * moment the one before it resolved), so one alert's transitions are ordered by {@code at}.
     */
    static long stamp(AlertState state, long at) {
        long stamped = state.lastTransitionAt == Long.MIN_VALUE ? at : Math.max(at, state.lastTransitionAt + 1);
        state.lastTransitionAt = stamped;
        return stamped;
    }

    /** A rule's window or aggregate changed: its windows start afresh; a firing alert stays until judged again. */
    static void restart(AlertState state, CompiledRule rule) {
        state.windows.clear();
        state.fingerprint = rule.stateFingerprint();
        state.warningStreak = 0;
        state.criticalStreak = 0;
        state.lastClosedStart = Long.MIN_VALUE;
    }
}
