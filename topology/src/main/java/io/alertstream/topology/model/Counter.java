package io.alertstream.topology.model;

import java.util.Map;

/** The current aggregate of one rule, group and window, on the {@code counters} topic. */
public record Counter(String ruleId, String groupKey, Map<String, Object> group, String windowStart,
                      String windowEnd, Double value, long count) implements Emission {
}
