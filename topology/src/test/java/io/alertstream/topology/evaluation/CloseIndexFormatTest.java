package io.alertstream.topology.evaluation;

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

/** The window close index's keys are its changelog's format: they stay byte for byte what earlier versions wrote. */
class CloseIndexFormatTest {
    @Test
    void shouldWriteAndReadTheKeysEarlierVersionsWrote() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("close"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        byte[] ak = "rule|host=\"a\"".getBytes(StandardCharsets.UTF_8);
        byte[] written = ByteBuffer.allocate(16 + ak.length).putLong(70_000L ^ Long.MIN_VALUE).putLong(60_000L).put(ak).array();
        store.put(Bytes.wrap(written), new byte[0]); // as an earlier version left it in the store

        CloseIndex index = new CloseIndex(store);
        assertThat(index.dueUpTo(69_999, 10)).isEmpty();
        assertThat(index.dueUpTo(70_000, 10)).containsExactly(new CloseIndex.Due(70_000, 60_000, "rule|host=\"a\"", Bytes.wrap(written)));
        index.remove(70_000, 60_000, "rule|host=\"a\"");
        index.add(-5, 7, "x");
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            assertThat(all.next().key.get()).isEqualTo(ByteBuffer.allocate(17).putLong(-5L ^ Long.MIN_VALUE).putLong(7).put((byte) 'x').array());
            assertThat(all.hasNext()).isFalse();
        }
    }
}
