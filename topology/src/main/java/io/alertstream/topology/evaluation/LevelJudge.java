package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.Aggregation;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.Level;
import io.alertstream.topology.rules.Trigger;

/**
 * Decides levels. Two judgements, because an open window and a closed one say different things:
 * <ul>
 *   <li>{@link #running}: the head window's running value can raise the level at once (GroupJudge
 *   decides when it is the head's turn), but only for crossings later events cannot undo (see
 *   Aggregation#judgedOnlyAtClose) and only after {@code for} consecutive breaching windows closed
 *   right before it;</li>
 *   <li>{@link #closed}: a closed window is final; with the alert already at a level, hysteresis
 *   ({@code clear_below}/{@code clear_above}) decides whether it holds.</li>
 * </ul>
 * A level whose threshold comes from an event field is judged at close only, against the threshold the
 * window's events carry ({@code WindowAggregate#threshold}).
 */
final class LevelJudge {
    private static final Level[] MOST_SEVERE_FIRST = {Level.CRITICAL, Level.WARNING};

    private LevelJudge() {
    }

    static Level running(CompiledRule rule, AlertState state, WindowAggregate w) {
        Aggregation aggregation = rule.spec().aggregation();
        boolean follows = state.lastClosedStart == w.start() - rule.spec().window().advanceMs();
        for (Level level : MOST_SEVERE_FIRST) {
            Trigger t = rule.spec().trigger(level);
            // A threshold read from the events is judged at close only: an event later in event time may
            // still bring the window another threshold, so no early crossing is one later events cannot undo.
            if (t == null || t.fromField() || aggregation.judgedOnlyAtClose(t.direction())) {
                continue;
            }
            int streakBefore = follows ? state.streak(level) : 0;
            if (t.breachedBy(w.value(aggregation)) && streakBefore >= rule.spec().forWindows()) {
                return level;
            }
        }
        return null;
    }

    /**
     * Judges a closed window's value and updates the breach streaks. A level holds when the alert is
     * already at or above it and the value does not clear it; it is reached when the value breaches it
     * and this window completes {@code for + 1} consecutive breaching windows.
     */
    static Level closed(CompiledRule rule, AlertState state, double value, double windowThreshold) {
        Trigger warning = trigger(rule, Level.WARNING, windowThreshold);
        Trigger critical = trigger(rule, Level.CRITICAL, windowThreshold);
        boolean warningBreach = breachOrHold(warning, state, value);
        boolean criticalBreach = breachOrHold(critical, state, value);
        // A critical breach is also a warning breach: "at least warning".
        state.warningStreak = warningBreach || criticalBreach ? state.warningStreak + 1 : 0;
        state.criticalStreak = criticalBreach ? state.criticalStreak + 1 : 0;
        int needed = rule.spec().forWindows() + 1;
        for (Level level : MOST_SEVERE_FIRST) {
            Trigger t = level == Level.CRITICAL ? critical : warning;
            if (t == null) {
                continue;
            }
            boolean holds = Level.rank(state.level) >= Level.rank(level) && t.heldBy(value);
            if (holds || (t.breachedBy(value) && state.streak(level) >= needed)) {
                return level;
            }
        }
        return null;
    }

    /**
     * A level's trigger as it applies to a window with this threshold (see Trigger#at): null when the level
     * is not defined, or reads its threshold from a field none of the window's events carried. Such a
     * window neither reaches nor holds the level, so a firing alert whose events stop still resolves.
     */
    static Trigger trigger(CompiledRule rule, Level level, double windowThreshold) {
        Trigger t = rule.spec().trigger(level);
        return t == null ? null : t.at(windowThreshold);
    }

    private static boolean breachOrHold(Trigger t, AlertState state, double value) {
        if (t == null) {
            return false;
        }
        return t.breachedBy(value) || (Level.rank(state.level) >= Level.rank(t.level()) && t.heldBy(value));
    }
}
