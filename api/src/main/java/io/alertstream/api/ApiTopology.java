package io.alertstream.api;

import io.alertstream.api.alerts.AlertViews;
import io.alertstream.api.auth.AccountStores;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/**
 * The API's own Kafka Streams topology, a pure factory (no I/O): the accounts and tokens read into
 * global stores (every instance authenticates any request) and the engine's alerts read into
 * partitioned stores of firing alerts and recent transitions (queried where the key lives).
 */
public final class ApiTopology {
    private ApiTopology() {
    }

    public static Topology build(ApiTopics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        AccountStores.addTo(builder, topics);
        AlertViews.addTo(builder, topics);
        return builder.build();
    }
}
