package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertView;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.AlertRouting;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the firing alerts of the Alerts view by the value of one label, on the labels routes match (the engine's
 * own {@link AlertRouting#labels}: group values, the rule's labels, {@code rule}). Groups with a critical alert come
 * first, then by size; inside a group, critical before warning, then newest first as the API listed them.
 */
public final class AlertGroups {
    private AlertGroups() {
    }

    /** One group: the label's value ({@code ""} when the alerts lack it) and its alerts. */
    public record Group(String label, String value, List<AlertView> alerts) {
        public boolean critical() {
            return alerts.stream().anyMatch(a -> "critical".equals(a.level()));
        }
    }

    public static List<Group> of(List<AlertView> alerts, String label) {
        Map<String, List<AlertView>> byValue = new LinkedHashMap<>();
        for (AlertView a : alerts) {
            byValue.computeIfAbsent(labels(a).getOrDefault(label, ""), v -> new ArrayList<>()).add(a);
        }
        List<Group> groups = new ArrayList<>();
        byValue.forEach((value, members) -> {
            List<AlertView> sorted = new ArrayList<>(members);
            sorted.sort(Comparator.comparing((AlertView a) -> !"critical".equals(a.level())));
            groups.add(new Group(label, value, List.copyOf(sorted)));
        });
        groups.sort(Comparator.comparing((Group g) -> !g.critical()).thenComparing(g -> -g.alerts().size()).thenComparing(Group::value));
        return groups;
    }

    /** The labels routes and silences match an alert on, as the engine computes them. */
    public static Map<String, String> labels(AlertView v) {
        return AlertRouting.labels(new Alert(null, v.alertKey(), v.ruleId(), v.status(), v.level(), null, v.group(), v.value(),
                v.threshold(), null, v.startsAt(), v.at(), v.summary(), v.labels(), v.owners(), v.recipients()));
    }
}
