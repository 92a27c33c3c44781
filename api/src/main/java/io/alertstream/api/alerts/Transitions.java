package io.alertstream.api.alerts;

import io.alertstream.topology.model.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The recent transitions of one alert, oldest first (by {@code at}), at most {@link #MAX}, each
 * transition id once: a replayed or reordered transition lands in its place or, when older than all
 * kept ones of a full list, is dropped.
 */
public record Transitions(List<Alert> items) {
    public static final int MAX = 50;

    public static Transitions empty() {
        return new Transitions(List.of());
    }

    /** Whether a transition with this id is kept. */
    public boolean contains(String id) {
        return items.stream().anyMatch(a -> a.id().equals(id));
    }

    /** The newest transition kept, or null. */
    public Alert latest() {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    /** With {@code alert} added in order of {@code at} (this, unchanged, if its id is already kept). */
    public Transitions with(Alert alert) {
        if (contains(alert.id())) {
            return this;
        }
        List<Alert> next = new ArrayList<>(items);
        next.add(alert);
        next.sort(Comparator.comparing(AlertTimes::atMillis));
        while (next.size() > MAX) {
            next.remove(0);
        }
        return new Transitions(List.copyOf(next));
    }
}
