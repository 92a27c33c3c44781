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
 * own {@link AlertRouting#labels}: group values, the rule's labels, {@code rule}): the view's grouping when the user
 * chose a label or no routing file is loaded ({@link RoutingGroups} otherwise). Groups with a critical alert come
 * first, then by size; inside a group, critical before warning, then newest first as the API listed them.
 */
public final class AlertGroups {
    private AlertGroups() {
    }

    /**
     * One group: its name ({@code label=value} here, the engine's group key such as {@code {service="checkout"}} for a
     * routing group), the receiver it goes to (null when grouped by a label) and its alerts.
     */
    public record Group(String name, String receiver, List<AlertView> alerts) {
        public boolean critical() {
            return alerts.stream().anyMatch(a -> "critical".equals(a.level()));
        }
    }

    public static List<Group> of(List<AlertView> alerts, String label) {
        Map<String, List<AlertView>> byValue = new LinkedHashMap<>();
        for (AlertView a : alerts) {
            String value = labels(a).getOrDefault(label, "");
            byValue.computeIfAbsent(label + "=" + (value.isEmpty() ? "(none)" : value), v -> new ArrayList<>()).add(a);
        }
        List<Group> groups = new ArrayList<>();
        byValue.forEach((name, members) -> groups.add(new Group(name, null, criticalFirst(members))));
        return ordered(groups);
    }

    /** Critical alerts first, otherwise in the order given (the API's: newest first). */
    static List<AlertView> criticalFirst(List<AlertView> members) {
        List<AlertView> sorted = new ArrayList<>(members);
        sorted.sort(Comparator.comparing((AlertView a) -> !"critical".equals(a.level())));
        return List.copyOf(sorted);
    }

    /** Groups with a critical alert first, then the bigger ones, then by name. */
    static List<Group> ordered(List<Group> groups) {
        List<Group> out = new ArrayList<>(groups);
        out.sort(Comparator.comparing((Group g) -> !g.critical()).thenComparing(g -> -g.alerts().size()).thenComparing(Group::name));
        return out;
    }

    /** The labels routes and silences match an alert on, as the engine computes them. */
    public static Map<String, String> labels(AlertView v) {
        return AlertRouting.labels(asAlert(v));
    }

    /** The view as the engine's transition (the fields routing reads), so the engine's routing code can be asked about it. */
    static Alert asAlert(AlertView v) {
        return new Alert(null, v.alertKey(), v.ruleId(), v.status(), v.level(), null, v.group(), v.value(), v.threshold(), null,
                v.startsAt(), v.at(), v.summary(), v.labels(), v.owners(), v.recipients());
    }
}
