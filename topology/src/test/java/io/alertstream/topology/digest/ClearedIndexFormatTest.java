package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The CLEARED alarms index's keys are its changelog's format: they stay byte for byte what earlier versions wrote. */
class ClearedIndexFormatTest {
    @Test
    void shouldReadTheKeysEarlierVersionsWroteStrictlyBeforeTheHorizonToTheNanosecond() {
        KeyValueStore<Bytes, byte[]> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("cleared"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        Instant at = Instant.parse("2026-01-01T00:00:00.000000500Z");
        byte[] user = "alice".getBytes(StandardCharsets.UTF_8);
        byte[] alarm = "a1".getBytes(StandardCharsets.UTF_8);
        byte[] written = ByteBuffer.allocate(12 + 4 + user.length + alarm.length).putLong(at.getEpochSecond() ^ Long.MIN_VALUE)
                .putInt(at.getNano()).putInt(user.length).put(user).put(alarm).array();
        store.put(Bytes.wrap(written), new byte[0]);

        ClearedIndex index = new ClearedIndex(store);
        assertThat(index.expiredBefore(at, 10)).as("not before itself").isEmpty();
        assertThat(index.expiredBefore(at.plusNanos(1), 10)).containsExactly(new ClearedIndex.Expired("alice", "a1", Bytes.wrap(written)));
    }
}
