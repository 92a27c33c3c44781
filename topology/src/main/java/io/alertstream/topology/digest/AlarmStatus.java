package io.alertstream.topology.digest;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.rules.Level;

/**
 * The status of one alarm as carried by {@code AlarmStatusChanged.Status}: spelled exactly as on the
 * wire. WARNING and CRITICAL are active (they appear in digests); CLEARED is not.
 */
public enum AlarmStatus {
    CLEARED, WARNING, CRITICAL;

    public boolean active() {
        return this != CLEARED;
    }

    /**
     * The digest status of an alert transition: WARNING or CRITICAL for a FIRING alert of that level,
     * CLEARED for RESOLVED; null for anything else.
     */
    public static AlarmStatus ofAlert(String alertStatus, String level) {
        if (Alert.RESOLVED.equals(alertStatus)) {
            return CLEARED;
        }
        if (!Alert.FIRING.equals(alertStatus)) {
            return null;
        }
        Level l = Level.fromLabel(level);
        if (l == null) {
            return null;
        }
        return switch (l) {
            case WARNING -> WARNING;
            case CRITICAL -> CRITICAL;
        };
    }

    /** The status named exactly {@code text} (case-sensitive, as in the contract), or null. */
    public static AlarmStatus fromWire(String text) {
        for (AlarmStatus s : values()) {
            if (s.name().equals(text)) {
                return s;
            }
        }
        return null;
    }
}
