package io.alertstream.topology.digest;

/**
 * The status of one alarm as carried by {@code AlarmStatusChanged.Status}: spelled exactly as on the
 * wire. WARNING and CRITICAL are active (they appear in digests); CLEARED is not.
 */
public enum AlarmStatus {
    CLEARED, WARNING, CRITICAL;

    public boolean active() {
        return this != CLEARED;
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
