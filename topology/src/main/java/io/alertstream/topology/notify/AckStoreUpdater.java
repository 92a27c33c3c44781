package io.alertstream.topology.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.support.RateLimitedLog;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global {@value StoreNames#NOTIFY_ACKS} store: alert key to its latest {@link Ack} (JSON), from
 * the compacted {@code acks} topic. A tombstone deletes; a record that is not an ack of its key is skipped
 * with a rate-limited warning (never a thread stopper). The topic is the store's changelog, so a restart
 * reads every ack again.
 */
final class AckStoreUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(AckStoreUpdater.class);
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, 60_000);
    private KeyValueStore<String, String> acks;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.acks = context.getStateStore(StoreNames.NOTIFY_ACKS);
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            acks.delete(record.key());
            return;
        }
        try {
            Ack ack = JSON.readValue(record.value(), Ack.class);
            if (ack == null || !record.key().equals(ack.alertKey()) || ack.startsAt() == null) {
                throw new IllegalArgumentException("not an ack of alert key '" + record.key() + "' with a startsAt");
            }
            acks.put(record.key(), record.value());
        } catch (Exception e) {
            warnings.warn("bad-ack", System.currentTimeMillis(), "Skipped a record of the acks topic: {}", e.getMessage());
        }
    }

    /** The latest ack of an alert in the store, or null. */
    static Ack read(KeyValueStore<String, String> store, String alertKey) {
        String json = store.get(alertKey);
        try {
            return json == null ? null : JSON.readValue(json, Ack.class);
        } catch (Exception e) {
            return null;
        }
    }
}
