package io.alertstream.topology.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import com.google.re2j.Pattern;

/**
 * One node of the routing tree with its settings already inherited from its parents, so a matched
 * route carries everything its notifications need.
 *
 * @param path         where it is written, {@code file:line} (for logs)
 * @param match        label equality matchers (all must hold)
 * @param matchRe      label regex matchers, matched against the whole value (all must hold); RE2 (re2j), so
 *                     matching takes time linear in the value whatever the pattern: a label value comes
 *                     from events and {@code (a+)+$} must not stall the thread
 * @param levels       levels this route takes; empty = all
 * @param groupBy      labels whose values form the group key; {@code ["..."]} = every label (one group per alert)
 * @param groupWait    how long a new group waits for more alerts before its first notification
 * @param groupInterval how long a group waits after a notification before telling of changes
 * @param repeatInterval how long after a notification an alert still firing is told again
 * @param continueMatching whether siblings after this one are tried when this one matched
 * @param lifecycle    flapping and escalation ({@link RouteLifecycle#NONE}: neither)
 */
public record Route(String path, Map<String, String> match, Map<String, Pattern> matchRe, List<String> levels,
                    String receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
                    Duration repeatInterval, Mode mode, boolean sendResolved, boolean continueMatching,
                    List<Route> routes, RouteLifecycle lifecycle) {

    public static final String ALL_LABELS = "...";

    /** A route without flapping or escalation. */
    public Route(String path, Map<String, String> match, Map<String, Pattern> matchRe, List<String> levels,
                 String receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
                 Duration repeatInterval, Mode mode, boolean sendResolved, boolean continueMatching, List<Route> routes) {
        this(path, match, matchRe, levels, receiver, groupBy, groupWait, groupInterval, repeatInterval, mode, sendResolved,
                continueMatching, routes, RouteLifecycle.NONE);
    }

    /** Immediate notifications, or the receiver's alarm digest. */
    public enum Mode {
        IMMEDIATE, DIGEST;

        public static Mode fromLabel(String label) {
            for (Mode m : values()) {
                if (m.name().equalsIgnoreCase(label)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** Whether this node's own matchers accept the labels (children not considered). */
    boolean accepts(Map<String, String> labels, String level) {
        if (!levels.isEmpty() && !levels.contains(level)) {
            return false;
        }
        for (Map.Entry<String, String> m : match.entrySet()) {
            if (!m.getValue().equals(labels.get(m.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<String, Pattern> m : matchRe.entrySet()) {
            String value = labels.get(m.getKey());
            if (value == null || !m.getValue().matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }
}
