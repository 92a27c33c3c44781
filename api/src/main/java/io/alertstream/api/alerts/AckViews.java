package io.alertstream.api.alerts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.notify.Ack;
import io.alertstream.topology.support.RateLimitedLog;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgements of each alert, for its history ({@code GET /v1/alerts/{key}} lists them). Input: the
 * compacted {@code acks} topic (key alert key, value an {@link Ack}). Output: the global store
 * {@link ApiStores#ACKS}, alert key to its acks oldest first (at most {@value #MAX}, each id once).
 *
 * <p>Global, like the engine's: every instance answers any alert's acks without co-partitioning the acks
 * topic with {@code alerts} (they are few). The store's processor also runs when it is restored, so a
 * rebuilt store holds what the topic still has: compaction keeps every alert's latest ack for good and the
 * earlier ones until the log cleaner removes them.
 */
public final class AckViews {
    public static final int MAX = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AckViews.class);
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The acks of one alert, oldest first. */
    public record AckList(List<Ack> items) {
    }

    private AckViews() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ApiStores.ACKS), Serdes.String(), new JsonSerde<>(AckList.class))
                        .withLoggingDisabled(),
                topics.acks(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("api-acks-source"),
                Updater::new);
    }

    /** The acks of an alert in this instance's global store, oldest first (empty when none or while it starts). */
    public static List<Ack> of(KafkaStreams streams, String alertKey) {
        ReadOnlyKeyValueStore<String, AckList> store = streams.store(
                StoreQueryParameters.fromNameAndType(ApiStores.ACKS, QueryableStoreTypes.<String, AckList>keyValueStore()));
        AckList list = store.get(alertKey);
        return list == null ? List.of() : list.items();
    }

    /** Appends each ack to its alert's list; a record that is not an ack of its key is skipped with a warning. */
    static final class Updater implements Processor<String, String, Void, Void> {
        private final RateLimitedLog warnings = new RateLimitedLog(LOG, 60_000);
        private KeyValueStore<String, AckList> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.store = context.getStateStore(ApiStores.ACKS);
        }

        @Override
        public void process(Record<String, String> record) {
            if (record.key() == null || record.value() == null) {
                return; // a tombstone removes the engine's latest ack, not the history of it
            }
            Ack ack;
            try {
                ack = JSON.readValue(record.value(), Ack.class);
            } catch (Exception e) {
                warnings.warn("bad-ack", System.currentTimeMillis(), "Skipped a record of the acks topic that is not an ack: {}", e.getMessage());
                return;
            }
            if (ack == null || !record.key().equals(ack.alertKey()) || ack.id() == null) {
                warnings.warn("bad-ack", System.currentTimeMillis(), "Skipped an ack of the acks topic without id or keyed other than its alert");
                return;
            }
            AckList known = store.get(record.key());
            List<Ack> items = new ArrayList<>(known == null ? List.of() : known.items());
            if (items.stream().anyMatch(a -> ack.id().equals(a.id()))) {
                return;
            }
            items.add(ack);
            while (items.size() > MAX) {
                items.remove(0);
            }
            store.put(record.key(), new AckList(List.copyOf(items)));
        }
    }
}
