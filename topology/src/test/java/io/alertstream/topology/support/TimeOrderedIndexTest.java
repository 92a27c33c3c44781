package io.alertstream.topology.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** Entries come back in time order, strictly before the end time, in batches that go on after a given key. */
class TimeOrderedIndexTest {
    static KeyValueStore<Bytes, byte[]> store() {
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> names(List<TimeOrderedIndex.Entry<Long>> entries) {
        return entries.stream().map(e -> e.time() + ":" + new String(e.rest(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shouldReturnEntriesBeforeTheEndTimeInTimeOrderNegativeTimesFirst() {
        TimeOrderedIndex<Long> index = new TimeOrderedIndex<>(store(), TimeOrderedIndex.SIGNED_MILLIS);
        index.add(5L, utf8("b"));
        index.add(-3L, utf8("a"));
        index.add(5L, utf8("a"));
        index.add(9L, utf8("c"));
        index.add(10L, new byte[0]); // a key that is the bare prefix of the end time: not before it
        assertThat(names(index.before(10L, 100, null))).containsExactly("-3:a", "5:a", "5:b", "9:c");
        index.remove(5L, utf8("a"));
        assertThat(names(index.before(6L, 100, null))).containsExactly("-3:a", "5:b");
    }

    @Test
    void shouldGoOnAfterAGivenKeyAndStopAtTheLimit() {
        TimeOrderedIndex<Long> index = new TimeOrderedIndex<>(store(), TimeOrderedIndex.NON_NEGATIVE_MILLIS);
        for (String id : List.of("g1", "g2", "g3", "g4")) {
            index.add(100L, utf8(id));
        }
        List<TimeOrderedIndex.Entry<Long>> first = index.before(101L, 2, null);
        assertThat(names(first)).containsExactly("100:g1", "100:g2");
        assertThat(names(index.before(101L, 10, first.get(1).key()))).containsExactly("100:g3", "100:g4");
        index.remove(first.get(0).key());
        assertThat(names(index.before(101L, 10, null))).containsExactly("100:g2", "100:g3", "100:g4");
    }

    /** Property: for random times and ids, what comes back is the sorted list of entries before the end, as a model says. */
    @Test
    void shouldAgreeWithASortedMapModel() {
        for (int seed = 1; seed <= 50; seed++) {
            Random random = new Random(seed);
            TimeOrderedIndex<Long> index = new TimeOrderedIndex<>(store(), TimeOrderedIndex.SIGNED_MILLIS);
            TreeMap<Long, java.util.TreeSet<String>> model = new TreeMap<>();
            for (int i = 0; i < 200; i++) {
                long time = random.nextInt(2_000) - 1_000;
                String id = "k" + random.nextInt(50);
                if (random.nextInt(4) == 0) {
                    index.remove(time, utf8(id));
                    if (model.containsKey(time)) {
                        model.get(time).remove(id);
                    }
                } else {
                    index.add(time, utf8(id));
                    model.computeIfAbsent(time, t -> new java.util.TreeSet<>()).add(id);
                }
            }
            long end = random.nextInt(2_000) - 1_000;
            List<String> expected = model.headMap(end, false).entrySet().stream()
                    .flatMap(e -> e.getValue().stream().map(id -> e.getKey() + ":" + id)).toList();
            assertThat(names(index.before(end, Integer.MAX_VALUE, null))).as("seed %d", seed).isEqualTo(expected);
        }
    }
}
