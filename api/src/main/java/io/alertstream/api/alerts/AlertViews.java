package io.alertstream.api.alerts;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.JsonSerde;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert stores of the API topology. Input: the engine's {@code alerts} topic, keyed by alert key,
 * read as text (so a malformed record is skipped by {@link AlertViewUpdater}, never a thread stopper).
 * Output: three stores, partitioned like {@code alerts} (no repartition: the key stays the alert key):
 * {@link ApiStores#FIRING} (the firing alerts), {@link ApiStores#TRANSITIONS} (each alert's recent
 * transitions) and {@link ApiStores#HISTORY} (every transition by event time, kept for the history
 * retention; a window store whose windows are the transitions' {@code at}).
 */
public final class AlertViews {
    public static final Serde<Alert> ALERT_SERDE = new JsonSerde<>(Alert.class);
    public static final Serde<Transitions> TRANSITIONS_SERDE = new JsonSerde<>(Transitions.class);

    private AlertViews() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics, Duration historyRetention) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ApiStores.FIRING), Serdes.String(), ALERT_SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ApiStores.TRANSITIONS), Serdes.String(),
                TRANSITIONS_SERDE));
        // Window size 1 ms: a "window" is one transition's instant; retention drops whole segments past it.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ApiStores.HISTORY, historyRetention, Duration.ofMillis(1), false), Serdes.String(), ALERT_SERDE));
        builder.stream(topics.alerts(), Consumed.with(Serdes.String(), Serdes.String()).withName("api-alerts-source"))
                .process(AlertViewUpdater::new, Named.as("api-alert-views"), ApiStores.FIRING, ApiStores.TRANSITIONS, ApiStores.HISTORY);
    }

    /** The key of a transition in {@link ApiStores#HISTORY}: alert key and transition id, so a replay overwrites itself. */
    static String historyKey(String alertKey, String id) {
        return alertKey + '\u0000' + id;
    }
}
