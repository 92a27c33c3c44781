package io.alertstream.testkit.backlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference model of issue #12 for a tumbling-window count rule with {@code for: 0}, grace 0, a
 * warning threshold and an optional critical one: the alert transitions a group's windows imply,
 * judged in window order, whatever order the events arrived in. A window breaches a level when its
 * count is above the level's threshold; a window without events counts 0.
 * <ul>
 *   <li>first window of a run of consecutive warning-breaching windows: FIRING warning;</li>
 *   <li>first window of the run that breaches critical: FIRING critical (always after a FIRING
 *   warning, in the same window when the run starts at critical);</li>
 *   <li>a window back at warning only after critical: FIRING warning;</li>
 *   <li>first window after the run: RESOLVED (level null).</li>
 * </ul>
 * A transition is identified by (alertKey, status, level, window start). {@link Tally} compares what
 * was read from the alerts topic with the model: found, unexpected and duplicated transitions.
 */
public final class ExpectedTransitions {
    /** The identity of one transition. */
    public record Transition(String alertKey, String status, String level, long windowStart) {
        /** The identity of an alert read from the alerts topic (its JSON as a map). */
        @SuppressWarnings("unchecked")
        public static Transition of(Map<String, Object> alert) {
            Map<String, Object> window = (Map<String, Object>) alert.get("window");
            Object start = window == null ? null : window.get("start");
            return new Transition((String) alert.get("alertKey"), (String) alert.get("status"), (String) alert.get("level"),
                    start == null ? Long.MIN_VALUE : Instant.parse((String) start).toEpochMilli());
        }

        @Override
        public String toString() {
            return alertKey + " " + status + " " + level + " @" + Instant.ofEpochMilli(windowStart);
        }
    }

    private static final int NONE = 0;
    private static final int WARNING = 1;
    private static final int CRITICAL = 2;
    private static final String[] NAMES = {null, "warning", "critical"};

    private final int warningAbove;
    private final Integer criticalAbove;
    private final Set<Transition> transitions = new LinkedHashSet<>();

    /** @param criticalAbove null for a rule with a warning trigger only */
    public ExpectedTransitions(int warningAbove, Integer criticalAbove) {
        this.warningAbove = warningAbove;
        this.criticalAbove = criticalAbove;
    }

    /**
     * Adds a group's transitions. {@code counts[i]} is the count of the window starting at
     * {@code t0 + i * sizeMs}; the window after the last one counts 0, so a run still open at the end
     * resolves there (once the watermark passes it).
     */
    public ExpectedTransitions addGroup(String alertKey, long t0, long sizeMs, int[] counts) {
        int level = NONE;
        for (int i = 0; i <= counts.length; i++) {
            int count = i < counts.length ? counts[i] : 0;
            int target = criticalAbove != null && count > criticalAbove ? CRITICAL : count > warningAbove ? WARNING : NONE;
            long start = t0 + i * sizeMs;
            if (target == NONE && level != NONE) {
                transitions.add(new Transition(alertKey, "RESOLVED", null, start));
            } else if (target != level && target != NONE) {
                if (level == NONE || target == WARNING) {
                    transitions.add(new Transition(alertKey, "FIRING", NAMES[WARNING], start));
                }
                if (target == CRITICAL) {
                    transitions.add(new Transition(alertKey, "FIRING", NAMES[CRITICAL], start));
                }
            }
            level = target;
        }
        return this;
    }

    public Set<Transition> transitions() {
        return transitions;
    }

    public int size() {
        return transitions.size();
    }

    public Tally tally() {
        return new Tally();
    }

    /** What a comparison found; the samples name a few missing and unexpected transitions for the failure message. */
    public record Comparison(int found, int expected, int unexpected, int duplicated, List<Transition> missingSample,
                      List<Transition> unexpectedSample, List<Transition> duplicatedSample) {
        @Override
        public String toString() {
            return "found " + found + " of " + expected + " expected transitions, " + unexpected + " unexpected, " + duplicated
                    + " duplicated; missing e.g. " + missingSample + "; unexpected e.g. " + unexpectedSample + "; duplicated e.g. "
                    + duplicatedSample;
        }
    }

    /** Compares alerts read so far with the model, incrementally (the alerts list only grows). */
    public final class Tally {
        private final Map<Transition, Integer> seen = new HashMap<>();
        private final List<Transition> unexpected = new ArrayList<>();
        private final List<Transition> duplicated = new ArrayList<>();
        private int read;
        private int found;

        /** Takes in the alerts not seen yet; returns whether every expected transition has been found. */
        public boolean update(List<Map<String, Object>> alerts) {
            for (; read < alerts.size(); read++) {
                Transition t = Transition.of(alerts.get(read));
                int times = seen.merge(t, 1, Integer::sum);
                if (!transitions.contains(t)) {
                    unexpected.add(t);
                } else if (times == 1) {
                    found++;
                } else {
                    duplicated.add(t);
                }
            }
            return found == transitions.size();
        }

        public Comparison result() {
            List<Transition> missing = transitions.stream().filter(t -> !seen.containsKey(t)).limit(10).toList();
            return new Comparison(found, transitions.size(), unexpected.size(), duplicated.size(), missing,
                    unexpected.stream().limit(10).toList(), duplicated.stream().limit(10).toList());
        }
    }
}
