package io.alertstream.topology.silence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.StoreNames;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the global firing-alerts store, {@link FiringAlerts} and the until-resolved silences' matched sets
 * ({@link SilenceCatalog#alertFiring}) in step with the compacted {@code notify-firing} topic, which the
 * notification router writes: key the alert key, value its match labels as a JSON object while it fires, a
 * tombstone when it resolves. Rebuilds the view from the restored store on start. Never throws (global thread):
 * an unreadable value is logged and skipped.
 */
public final class FiringStoreUpdater implements Processor<String, String, Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(FiringStoreUpdater.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
    };
    private final FiringAlerts firing;
    private final SilenceCatalog silences;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, String> store;

    public FiringStoreUpdater(FiringAlerts firing, SilenceCatalog silences) {
        this.firing = firing;
        this.silences = silences;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(StoreNames.NOTIFY_FIRING);
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(kv -> {
                Map<String, String> labels = parse(kv.value);
                if (labels != null) {
                    firing.put(kv.key, labels);
                }
            });
        }
    }

    @Override
    public void process(Record<String, String> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
            firing.remove(record.key());
            silences.alertResolved(record.key());
            return;
        }
        Map<String, String> labels = parse(record.value());
        if (labels != null) {
            store.put(record.key(), record.value());
            firing.put(record.key(), labels);
            silences.alertFiring(record.key(), labels, context.currentSystemTimeMs());
        }
    }

    private static Map<String, String> parse(String value) {
        try {
            Map<String, String> labels = JSON.readValue(value, LABELS);
            labels.values().removeIf(java.util.Objects::isNull);
            return labels;
        } catch (Exception e) {
            LOG.warn("A value on the firing-alerts topic is not a JSON object of labels and was skipped: {}", e.getClass().getSimpleName());
            return null;
        }
    }
}
