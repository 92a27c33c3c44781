package io.alertstream.topology.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The notification due index's keys are its changelog's format: they stay byte for byte what earlier versions wrote;
 * and draining takes what is due, in time order, at most a bounded number per run.
 */
class DueIndexTest {
    @Test
    void shouldDrainWhatIsDueInTimeOrderUpToTheRunsBoundAndTakeReschedulesDueNowInTheSameRun() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        DueIndex index = new DueIndex(store);
        for (int i = 0; i < 10; i++) {
            index.add(100L * (10 - i), "g" + i); // g9 due at 100, g0 at 1000
        }
        index.add(5_000, "later");

        java.util.List<String> taken = new java.util.ArrayList<>();
        index.drain(1_000, 3, 7, (id, at) -> taken.add(id + "@" + at));
        assertThat(taken).as("earliest first, three per batch, stopping once seven were taken (a batch is finished)")
                .containsExactly("g9@100", "g8@200", "g7@300", "g6@400", "g5@500", "g4@600", "g3@700", "g2@800", "g1@900");

        taken.clear();
        index.drain(1_000, 3, 100, (id, at) -> {
            taken.add(id + "@" + at);
            if (id.equals("g0")) {
                index.add(1_000, "again"); // a reschedule due now
            }
        });
        assertThat(taken).containsExactly("g0@1000", "again@1000");
        assertThat(index.dueBy(Long.MAX_VALUE - 1, 10)).containsExactly(new DueIndex.Due(5_000, "later"));
    }

    @Test
    void shouldWriteAndReadTheKeysEarlierVersionsWrote() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("due"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        byte[] id = "team|{rule=\"r1\"}".getBytes(StandardCharsets.UTF_8);
        store.put(Bytes.wrap(ByteBuffer.allocate(8 + id.length).putLong(1_000).put(id).array()), new byte[0]);

        DueIndex index = new DueIndex(store);
        assertThat(index.dueBy(999, 10)).isEmpty();
        assertThat(index.dueBy(1_000, 10)).containsExactly(new DueIndex.Due(1_000, "team|{rule=\"r1\"}"));
        index.remove(1_000, "team|{rule=\"r1\"}");
        index.add(-1, "g");
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            assertThat(all.next().key.get()).as("a negative time is kept as 0").isEqualTo(ByteBuffer.allocate(9).putLong(0).put((byte) 'g').array());
            assertThat(all.hasNext()).isFalse();
        }
    }
}
