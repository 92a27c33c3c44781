package io.alertstream.topology.notify;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.alertstream.topology.model.Alert;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of one notification group ({@code receiver|groupKey}) in the {@code notify-groups} store:
 * its alerts with what each is now and what the receiver was last told of it, and when it is due.
 * Mutable: the grouper loads it, changes it and puts it back within one record or punctuation.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class NotificationGroup {
    /** The id of the alert transition that opened the group: with {@link #sequence} it makes notification ids unique. */
    String epoch;
    String receiver;
    String groupKey;
    Map<String, String> groupLabels;
    GroupSettings settings;
    long createdAt;
    long lastSentAt;
    long nextFlushAt;
    long sequence;
    /**
     * When a silence or inhibition last let go of this group's alerts: reminders are due a repeat interval after the
     * later of this and {@link #lastSentAt}, so an alert told before a silence is not reminded of the moment it ends.
     */
    long remindFrom;
    /** By alert key, in arrival order. */
    Map<String, Entry> alerts = new LinkedHashMap<>();
    /**
     * Firing alerts of this group that its bounds kept out (64-bit hashes of their keys, at most as many as the group may
     * hold): not listed, but counted in {@code omittedAlerts} so the receiver knows there are more. One leaves when it
     * resolves or when a later transition of it finds room.
     */
    java.util.Set<Long> overflow = new java.util.LinkedHashSet<>();

    /** One alert of the group. {@code state} and {@code told} are {@code FIRING:<level>} or {@code RESOLVED}. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class Entry {
        Alert alert;
        String state;
        String told;
        /**
         * The suppressors ({@link Suppression}) that held it back at the last flush; empty or null when it was told.
         * While held back, {@code told} stays as it was, so the alert is news when they stop only if it changed.
         */
        java.util.List<String> suppressedBy;
        /** The alert's serialized size, counted against {@code alertstream.notify.max.group.bytes} (0 in state written before). */
        int bytes;

        boolean firing() {
            return state.startsWith(Alert.FIRING);
        }

        /** Changed since last told; an alert that resolved before anyone was told of it is no news. */
        boolean news() {
            return !state.equals(told) && !(told == null && !firing());
        }
    }

    static String stateOf(Alert alert, boolean departed) {
        return departed || !Alert.FIRING.equals(alert.status()) ? Alert.RESOLVED : Alert.FIRING + ":" + alert.level();
    }

    /** Serialized bytes of the group's alerts, as counted when each was added or updated. */
    long alertBytes() {
        long sum = 0;
        for (Entry e : alerts.values()) {
            sum += e.bytes;
        }
        return sum;
    }

    static long overflowHash(String alertKey) {
        return java.util.UUID.nameUUIDFromBytes(alertKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    boolean hasNews() {
        return alerts.values().stream().anyMatch(Entry::news);
    }
}
