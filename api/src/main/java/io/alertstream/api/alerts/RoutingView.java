package io.alertstream.api.alerts;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingStoreUpdater;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.Stores;

/**
 * The routing store of the API topology. Input: the compacted {@code routing} topic (key {@code routing},
 * value the routing file's YAML), read whole by every instance into the global store {@link ApiStores#ROUTING}.
 * Output: the {@link RoutingCatalog} the alert endpoints' {@link Visibility} reads. The engine's own updater
 * parses it, so an invalid routing is logged and the last good one stays in force exactly as in the engine.
 */
public final class RoutingView {
    private RoutingView() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics, RoutingCatalog routing) {
        builder.addGlobalStore(
                // Global stores restore from their source topic: no changelog.
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ApiStores.ROUTING), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                topics.routing(),
                Consumed.with(Serdes.String(), Serdes.String()).withName("api-routing-source"),
                () -> new RoutingStoreUpdater(routing));
    }
}
