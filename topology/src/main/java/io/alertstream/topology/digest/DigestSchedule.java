package io.alertstream.topology.digest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which users' scheduled digests are due. A digest interval cuts the wall clock into slots aligned to
 * the epoch (a 1h interval sends at every full hour UTC); a user is due when the current slot is later
 * than the slot of their last scheduled digest. The first time a user is seen their current slot is
 * only recorded, so the first digest covers a whole slot. Keeping the slot (not a timer) in a logged
 * store means a restart, a rebalance or a late punctuation sends each slot's digest once, never twice.
 */
final class DigestSchedule {
    private final KeyValueStore<String, Long> slots;

    DigestSchedule(KeyValueStore<String, Long> slots) {
        this.slots = slots;
    }

    /**
     * The users of {@code schedules} that {@code owned} (this task holds their state) and whose slot has
     * passed at {@code now}; their new slot is recorded. Users no longer scheduled are forgotten.
     */
    List<String> due(Map<String, Duration> schedules, long now, java.util.function.Predicate<String> owned) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Duration> s : schedules.entrySet()) {
            long slot = now / s.getValue().toMillis();
            Long last = slots.get(s.getKey());
            // A slot entry exists only in the task that holds the user: the ownership test (a store read of
            // the user's alarms) is needed only when something is due or the user is new here.
            if (last != null && slot <= last || !owned.test(s.getKey())) {
                continue;
            }
            slots.put(s.getKey(), slot);
            if (last != null) {
                out.add(s.getKey());
            }
        }
        List<String> gone = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = slots.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> e = all.next();
                if (!schedules.containsKey(e.key)) {
                    gone.add(e.key);
                }
            }
        }
        gone.forEach(slots::delete);
        return out;
    }
}
