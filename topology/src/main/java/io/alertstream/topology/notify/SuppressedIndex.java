package io.alertstream.topology.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
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
    private final KeyValueStore<String, String> store;

    SuppressedIndex(KeyValueStore<String, String> store) {
        this.store = store;
    }

    void add(String suppressor, String groupId) {
        store.put(suppressor + SEP + groupId, "");
    }

    /** Up to {@code limit} entries by suppressor: the groups each one holds alerts of. */
    Map<String, List<String>> bySuppressor(int limit) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int n = 0;
        try (KeyValueIterator<String, String> it = store.all()) {
            while (it.hasNext() && n++ < limit) {
                KeyValue<String, String> kv = it.next();
                int at = kv.key.indexOf(SEP);
                out.computeIfAbsent(kv.key.substring(0, at), k -> new ArrayList<>()).add(kv.key.substring(at + 1));
            }
        }
        return out;
    }

    void remove(String suppressor, String groupId) {
        store.delete(suppressor + SEP + groupId);
    }
}
