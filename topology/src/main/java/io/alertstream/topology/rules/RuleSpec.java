package io.alertstream.topology.rules;

import java.util.List;
import java.util.Map;

/**
 * A rule as written by a user, validated but not compiled. Immutable; equal specs produce equal JSON
 * on the {@code rules} topic.
 *
 * @param filter     CEL expression over {@code event}; null matches every event
 * @param field      the event field an aggregate reads (dotted path); null for count
 * @param triggers   ordered by severity, warning first
 * @param forWindows how many consecutive breaching windows must precede the one that fires
 * @param absence    for an absence rule ({@code absent:}), what silence fires it; null for a threshold rule.
 *                   An absence rule has no triggers; its {@code window} is {@link Absence#slots()} and its
 *                   aggregation {@code min} over the matches' event times (see RuleFanOut)
 */
public record RuleSpec(
        String id,
        String description,
        Map<String, String> labels,
        String summary,
        String filter,
        List<String> groupBy,
        WindowSpec window,
        Aggregation aggregation,
        String field,
        List<Trigger> triggers,
        int forWindows,
        List<String> owners,
        Map<Level, List<String>> recipients,
        boolean enabled,
        Absence absence) {

    public RuleSpec {
        labels = Map.copyOf(labels);
        groupBy = List.copyOf(groupBy);
        triggers = List.copyOf(triggers);
        owners = List.copyOf(owners);
        recipients = Map.copyOf(recipients);
    }

    public boolean isAbsence() {
        return absence != null;
    }

    public Direction direction() {
        return triggers.get(0).direction();
    }

    /** The event field this rule's thresholds are read from (one at most, see TriggerReader), or null. */
    public String thresholdField() {
        for (Trigger t : triggers) {
            if (t.fromField()) {
                return t.thresholdField();
            }
        }
        return null;
    }

    public Trigger trigger(Level level) {
        for (Trigger t : triggers) {
            if (t.level() == level) {
                return t;
            }
        }
        return null;
    }

    public List<String> recipientsFor(Level level) {
        return level == null ? List.of() : recipients.getOrDefault(level, List.of());
    }
}
