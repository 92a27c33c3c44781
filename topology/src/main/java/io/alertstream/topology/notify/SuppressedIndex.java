package io.alertstream.topology.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Which notification groups hold alerts that a suppressor (a silence or an inhibition, see {@link Suppression})
 * holds back: keys {@code suppressor \0 group id}, sorted by suppressor. When a suppressor stops holding, its
 * groups go into the due index and are flushed again, so what it held back is told; the check visits the
 * suppressors this task waits on, never every group. Logged like every store: a restart forgets no wait.
 */
final class SuppressedIndex {
    private static final char SEP = '\u0000';
    /** Sorts right after every key of a suppressor (suppressor ids hold no control characters). */
    private static final char NEXT = '\u0001';
    private final KeyValueStore<String, String> store;

    SuppressedIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    void add(String suppressor, String groupId) {
        store.put(suppressor + SEP + groupId, "");
    }

    /**
     * The groups of the suppressors that no longer hold, their entries removed. Visits each distinct suppressor once
     * by seeking past the entries of those that still hold, so a long silence over many groups costs one lookup.
     *
     * @param limit at most this many groups per call (the rest are found at the next)
     */
    List<String> released(Predicate<String> holds, int limit) {
        List<String> groups = new ArrayList<>();
        String from = "";
        while (groups.size() < limit) {
            String suppressor;
            try (KeyValueIterator<String, String> it = store.range(from, null)) {
                if (!it.hasNext()) {
                    break;
                }
                String key = it.next().key;
                suppressor = key.substring(0, key.indexOf(SEP));
            }
            if (!holds.test(suppressor)) {
                List<String> keys = new ArrayList<>();
                try (KeyValueIterator<String, String> it = store.range(suppressor + SEP, suppressor + NEXT)) {
                    while (it.hasNext() && groups.size() < limit) {
                        String key = it.next().key;
                        keys.add(key);
                        groups.add(key.substring(suppressor.length() + 1));
                    }
                }
                keys.forEach(store::delete);
            }
            from = suppressor + NEXT;
        }
        return groups;
    }

    void remove(String suppressor, String groupId) {
        store.delete(suppressor + SEP + groupId);
    }
}
