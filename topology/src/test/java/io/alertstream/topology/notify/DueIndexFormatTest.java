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

/** The notification due index's keys are its changelog's format: they stay byte for byte what earlier versions wrote. */
class DueIndexFormatTest {
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
