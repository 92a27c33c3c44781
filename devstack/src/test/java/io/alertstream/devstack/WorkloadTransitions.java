package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a {@link Workload} must produce on the alerts topic: for each breach group one FIRING
 * (warning) and one RESOLVED, and nothing for any other group. The counting here is what every
 * runtime test (crash, restart, scale-out) asserts, so "exactly once, none lost" means the same thing
 * everywhere.
 */
final class WorkloadTransitions {
    private WorkloadTransitions() {
    }

    /** Transitions per "group status" ("m3-breach-1 FIRING" -> 1). */
    static Map<String, Integer> counts(List<Map<String, Object>> alerts) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Map<String, Object> a : alerts) {
            counts.merge(group(a) + " " + a.get("status"), 1, Integer::sum);
        }
        return counts;
    }

    /** Whether every breach group has fired and resolved at least once (the waiting condition). */
    static boolean complete(Workload workload, List<Map<String, Object>> alerts) {
        Map<String, Integer> counts = counts(alerts);
        return workload.breachGroups.stream()
                .allMatch(g -> counts.containsKey(g + " FIRING") && counts.containsKey(g + " RESOLVED"));
    }

    /** Every expected transition exactly once, none missing, nothing else. */
    static void assertExactlyTheExpectedTransitions(Workload workload, List<Map<String, Object>> alerts) {
        Map<String, Integer> expected = new TreeMap<>();
        for (String g : workload.breachGroups) {
            expected.put(g + " FIRING", 1);
            expected.put(g + " RESOLVED", 1);
        }
        assertThat(counts(alerts)).as("transitions per group and status (expected: each breach group fires once and "
                + "resolves once; edge and filler groups never alert)").isEqualTo(expected);
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.get("ruleId")).isEqualTo(Workload.RULE_ID);
            assertThat(a.get("level")).isEqualTo("FIRING".equals(a.get("status")) ? "warning" : null);
        });
    }

    /** The transitions as comparable facts: alertKey, status, level and window start. */
    @SuppressWarnings("unchecked")
    static Set<String> facts(List<Map<String, Object>> alerts) {
        Set<String> facts = new TreeSet<>();
        for (Map<String, Object> a : alerts) {
            Map<String, Object> window = (Map<String, Object>) a.get("window");
            facts.add(a.get("alertKey") + " " + a.get("status") + " " + a.get("level") + " " + window.get("start"));
        }
        return facts;
    }

    static String group(Map<String, Object> alert) {
        try {
            return Workload.groupOf((String) alert.get("alertKey"));
        } catch (Exception e) {
            throw new IllegalStateException("not an alert of the workload rule: " + alert, e);
        }
    }
}
