package io.alertstream.topology.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The contract, written as plainly as possible: one group's transitions, judged window by window in
 * start order on each window's final value, with no notion of arrival order, watermarks or early
 * firing. Windows judged: every window holding events, and after one, each next window while the
 * alert fires or a breach streak runs. A raise steps through every defined level; a lowering is one
 * step. The engine must emit exactly these transitions, whatever the order its input arrives in.
 *
 * <p>A level whose threshold comes from an event field takes, in each window, the field's value of the
 * window's latest event carrying one (ties: the greatest value), as the caller computes it; a window
 * where no event carries one neither reaches nor holds that level.
 */
final class ReferenceJudge {
    /** One transition: status, level after, level before, window start. */
    record Transition(String status, String level, String previous, long windowStart) {
    }

    /** A level's trigger: above (or below) threshold, held until beyond clear; or read from the window's events. */
    record Threshold(String level, boolean above, double threshold, double clear, boolean fromField) {
        Threshold(String level, boolean above, double threshold, double clear) {
            this(level, above, threshold, clear, false);
        }

        /** The trigger in a window whose events carry {@code windowThreshold} (NaN: none); null: no such level there. */
        Threshold in(double windowThreshold) {
            if (!fromField) {
                return this;
            }
            return Double.isNaN(windowThreshold) ? null : new Threshold(level, above, windowThreshold, windowThreshold, false);
        }

        boolean breached(double v) {
            return above ? v > threshold : v < threshold;
        }

        boolean held(double v) {
            if (clear == threshold) {
                return breached(v);
            }
            return above ? v >= clear : v <= clear;
        }
    }

    /** Rule parameters the model needs. {@code warning} or {@code critical} may be null. */
    record Rule(long sizeMs, long advanceMs, int forWindows, Threshold warning, Threshold critical) {
    }

    private ReferenceJudge() {
    }

    /**
     * @param eventTimes one group's event times
     * @param valueOf    a window's final value from the indexes of the events in it (empty: the empty value)
     * @param thresholdOf a window's threshold for levels read from a field, from the same indexes (NaN: none)
     * @param lastStart  the last window start to judge (the horizon: later windows have not closed)
     */
    static List<Transition> judge(Rule rule, List<Long> eventTimes, ToDoubleFunction<List<Integer>> valueOf,
                                  ToDoubleFunction<List<Integer>> thresholdOf, long lastStart) {
        TreeMap<Long, List<Integer>> windows = new TreeMap<>();
        for (int i = 0; i < eventTimes.size(); i++) {
            long t = eventTimes.get(i);
            for (long start = Math.floorDiv(t, rule.advanceMs()) * rule.advanceMs(); start > t - rule.sizeMs(); start -= rule.advanceMs()) {
                windows.computeIfAbsent(start, s -> new ArrayList<>()).add(i);
            }
        }
        List<Transition> out = new ArrayList<>();
        int level = 0; // 0 none, 1 warning, 2 critical
        int warningStreak = 0;
        int criticalStreak = 0;
        Long previousWindow = null;
        Long next = windows.isEmpty() ? null : windows.firstKey();
        while (next != null && next <= lastStart) {
            long start = next;
            List<Integer> events = windows.getOrDefault(start, List.of());
            double v = valueOf.applyAsDouble(events);
            double windowThreshold = thresholdOf.applyAsDouble(events);
            Threshold warning = rule.warning() == null ? null : rule.warning().in(windowThreshold);
            Threshold critical = rule.critical() == null ? null : rule.critical().in(windowThreshold);
            if (previousWindow != null && start != previousWindow + rule.advanceMs()) {
                warningStreak = 0;
                criticalStreak = 0;
            }
            boolean warningBreach = breachOrHold(warning, level >= 1, v);
            boolean criticalBreach = breachOrHold(critical, level >= 2, v);
            warningStreak = warningBreach || criticalBreach ? warningStreak + 1 : 0;
            criticalStreak = criticalBreach ? criticalStreak + 1 : 0;
            int reached = 0;
            if (critical != null && ((level >= 2 && critical.held(v))
                    || (critical.breached(v) && criticalStreak >= rule.forWindows() + 1))) {
                reached = 2;
            } else if (warning != null && ((level >= 1 && warning.held(v))
                    || (warning.breached(v) && warningStreak >= rule.forWindows() + 1))) {
                reached = 1;
            }
            if (reached > level) {
                for (int step = level + 1; step <= reached; step++) {
                    if (step == reached || (step == 1 ? rule.warning() : rule.critical()) != null) {
                        out.add(new Transition("FIRING", name(step), name(level), start));
                        level = step;
                    }
                }
            } else if (reached < level) {
                out.add(new Transition(reached == 0 ? "RESOLVED" : "FIRING", name(reached), name(level), start));
                level = reached;
            }
            previousWindow = start;
            boolean keepJudging = !events.isEmpty() || level > 0 || warningStreak > 0 || criticalStreak > 0;
            Map.Entry<Long, List<Integer>> following = windows.higherEntry(start);
            next = keepJudging ? Long.valueOf(start + rule.advanceMs()) : following == null ? null : following.getKey();
        }
        return out;
    }

    private static boolean breachOrHold(Threshold t, boolean atOrAbove, double v) {
        return t != null && (t.breached(v) || (atOrAbove && t.held(v)));
    }

    private static String name(int level) {
        return level == 0 ? null : level == 1 ? "warning" : "critical";
    }
}
