package io.alertstream.api.silences;

import io.alertstream.api.ApiTopics;
import io.alertstream.topology.StoreNames;
import io.alertstream.topology.silence.FiringAlerts;
import io.alertstream.topology.silence.FiringStoreUpdater;
import io.alertstream.topology.silence.SilenceCatalog;
import io.alertstream.topology.silence.SilenceStoreUpdater;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * The silence stores of the API topology: the {@code silences} topic into the global store
 * {@link StoreNames#SILENCES} and the engine's {@link SilenceCatalog}, and the engine's firing view
 * ({@code notify-firing}) into {@link FiringAlerts}, with the engine's own updaters, so an alert's
 * {@code silencedBy} here is what the engine applies (until-resolved silences included). Global stores have no
 * changelog, so sharing the engine's store names is harmless.
 */
public final class SilenceStores {
    private SilenceStores() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics, SilenceCatalog silences, FiringAlerts firing) {
        var strings = Serdes.String();
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.SILENCES), strings, strings).withLoggingDisabled(),
                topics.silences(), Consumed.with(strings, strings).withName("api-silences-source"), () -> new SilenceStoreUpdater(silences));
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.NOTIFY_FIRING), strings, strings).withLoggingDisabled(),
                topics.firing(), Consumed.with(strings, strings).withName("api-firing-source"), () -> new FiringStoreUpdater(firing, silences));
    }
}
