package io.alertstream.topology.digest;

import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value of the {@link DigestStores#USER_ALARMS} store: one user's alarms by AlarmID. Mutable, loaded
 * and written back once per record; at most {@code alertstream.digest.max.alarms.per.user} entries.
 */
final class UserAlarms {
    /** Digest order: LatestChangedAt ascending (as instants, with nanoseconds), then AlarmID. */
    static final Comparator<Map.Entry<String, AlarmState>> DIGEST_ORDER =
            Comparator.<Map.Entry<String, AlarmState>, ChangedAt>comparing(e -> e.getValue().changedAt())
                    .thenComparing(Map.Entry::getKey);

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
