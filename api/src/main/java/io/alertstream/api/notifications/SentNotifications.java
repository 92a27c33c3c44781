package io.alertstream.api.notifications;

import io.alertstream.topology.model.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The store value of {@code api-alert-notifications}: the notifications that named one alert, oldest first (by
 * {@code at}, then id), at most {@link #MAX}, each id once, and the alert as the newest of them carried it (what
 * visibility is decided on: the same owners, recipients and labels the alert's own routes use). Bounded so the
 * changelog record of a long-firing, often-repeated alert stays small.
 */
public record SentNotifications(Alert alert, List<SentNotification> items) {
    public static final int MAX = 20;

    public SentNotifications {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public static SentNotifications empty() {
        return new SentNotifications(null, List.of());
    }

    /**
     * With {@code sent} (naming {@code named}) in its place; unchanged when its id is kept already (a replay), or when
     * the list is full and it is older than everything kept.
     */
    public SentNotifications with(SentNotification sent, Alert named) {
        if (items.stream().anyMatch(i -> i.id().equals(sent.id()))) {
            return this;
        }
        List<SentNotification> next = new ArrayList<>(items);
        next.add(sent);
        next.sort(ORDER);
        while (next.size() > MAX) {
            next.remove(0);
        }
        if (!next.contains(sent)) {
            return this;
        }
        boolean newest = next.get(next.size() - 1) == sent;
        return new SentNotifications(newest || alert == null ? named : alert, next);
    }

    /** The newest notification kept, or null. */
    public SentNotification newest() {
        return items.isEmpty() ? null : items.get(items.size() - 1);
    }

    /**
     * Whether the engine's latest word to receivers about this alert was its flapping notice: the engine holds an alert's
     * news while it flaps, and the next notification naming it (settled news, a resolution, a repeat) is not marked.
     */
    public boolean flapping() {
        SentNotification n = newest();
        return n != null && n.flapping();
    }

    private static final Comparator<SentNotification> ORDER = Comparator.comparingLong((SentNotification n) -> millis(n.at()))
            .thenComparing(SentNotification::id);

    private static long millis(String at) {
        try {
            return java.time.Instant.parse(at).toEpochMilli();
        } catch (RuntimeException e) {
            return Long.MIN_VALUE; // unreadable times sort first, so they are the first dropped
        }
    }
}
