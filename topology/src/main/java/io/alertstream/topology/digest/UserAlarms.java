package io.alertstream.topology.digest;

import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of the {@code digest-user-alarms} ({@link io.alertstream.topology.StoreNames#DIGEST_USER_ALARMS}) store: one user's alarms by AlarmID. Mutable, loaded
 * and written back once per record; at most {@code alertstream.digest.max.alarms.per.user} entries and
 * {@link #MAX_STORED_BYTES} bytes.
 */
public final class UserAlarms {
    /** Digest order: LatestChangedAt ascending (as instants, with nanoseconds), then AlarmID. */
    static final Comparator<Map.Entry<String, AlarmState>> DIGEST_ORDER =
            Comparator.<Map.Entry<String, AlarmState>, ChangedAt>comparing(e -> e.getValue().changedAt())
                    .thenComparing(Map.Entry::getKey);

    /**
     * The most bytes one user's alarms may take in the store (its changelog record) and in one digest:
     * well under the broker's 1 MiB default message size, whatever {@code max.alarms.per.user} and
     * {@code max.id.length} say (1000 alarms of 256-character ids escaped as JSON could reach 1.7 MB).
     */
    static final int MAX_STORED_BYTES = 768 * 1024;
    /** A stored alarm besides its id: status, three RFC 3339 times (at most 35 characters each), field names. */
    private static final int BYTES_PER_ALARM_BESIDES_ID = 260;

    private final TreeMap<String, AlarmState> alarms;

    UserAlarms() {
        this(new TreeMap<>());
    }

    UserAlarms(TreeMap<String, AlarmState> alarms) {
        this.alarms = alarms;
    }

    AlarmState get(String alarmId) {
        return alarms.get(alarmId);
    }

    void put(String alarmId, AlarmState state) {
        alarms.put(alarmId, state);
    }

    void remove(String alarmId) {
        alarms.remove(alarmId);
    }

    int size() {
        return alarms.size();
    }

    boolean isEmpty() {
        return alarms.isEmpty();
    }

    Map<String, AlarmState> view() {
        return Collections.unmodifiableMap(alarms);
    }

    /**
     * Whether one more alarm with this id keeps the user within {@link #MAX_STORED_BYTES}. Cheap for most
     * users: only when {@code size x worst case per alarm} could exceed the bound are the ids measured.
     */
    boolean hasRoomFor(String alarmId, int maxIdLength) {
        long worstPerAlarm = 6L * maxIdLength + BYTES_PER_ALARM_BESIDES_ID;
        if ((alarms.size() + 1) * worstPerAlarm <= MAX_STORED_BYTES) {
            return true;
        }
        long bytes = storedBytes(alarmId);
        for (String id : alarms.keySet()) {
            bytes += storedBytes(id);
        }
        return bytes <= MAX_STORED_BYTES;
    }

    /** An upper bound of the bytes an alarm takes as JSON: its id UTF-8 encoded and escaped, plus the rest. */
    static long storedBytes(String alarmId) {
        long n = BYTES_PER_ALARM_BESIDES_ID;
        for (int i = 0; i < alarmId.length(); i++) {
            char c = alarmId.charAt(i);
            n += c < 0x20 ? 6 : c == '"' || c == '\\' ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return n;
    }

    /** The CLEARED alarm with the oldest ChangedAt (the first to forget when the user is full), or null. */
    Map.Entry<String, AlarmState> oldestCleared() {
        return alarms.entrySet().stream()
                .filter(e -> e.getValue().status() == AlarmStatus.CLEARED)
                .min(DIGEST_ORDER)
                .orElse(null);
    }

    /** The alarms the next digest lists, in digest order, each marked as reported. */
    List<ActiveAlarm> takePending() {
        List<Map.Entry<String, AlarmState>> due = alarms.entrySet().stream()
                .filter(e -> e.getValue().pending())
                .sorted(DIGEST_ORDER)
                .toList();
        for (Map.Entry<String, AlarmState> e : due) {
            alarms.put(e.getKey(), e.getValue().reported());
        }
        return due.stream()
                .map(e -> new ActiveAlarm(e.getKey(), e.getValue().status().name(), e.getValue().changedAt().text()))
                .toList();
    }
}
