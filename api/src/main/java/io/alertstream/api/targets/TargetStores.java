package io.alertstream.api.targets;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.targets.Target;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The uptime stores of the API topology. Input: the compacted {@code targets} topic (keyed by id) and the
 * {@code probes} topic (keyed by target id). Output: {@link ApiStores#TARGETS}, a GLOBAL store of every target
 * (any instance checks ownership), and {@link ApiStores#PROBE_STATS}, a window store of hourly
 * {@link ProbeBucket}s partitioned like {@code probes} (queried on the instance that owns the target's key),
 * kept {@link #STATS_RETENTION}: the longest stats window (24 h), the hour it starts in, and one more hour, since
 * the store expires by the newest hour it holds and a result up to {@link ProbeBucketer#MAX_AHEAD} ahead of the
 * clock may already be in the next hour.
 */
public final class TargetStores {
    public static final Duration STATS_RETENTION = Duration.ofHours(26);
    static final JsonSerde<Target> TARGET_SERDE = new JsonSerde<>(Target.class);

    private TargetStores() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
        // Latest definition per target id, a tombstone deletes: the DSL's global table is exactly that.
        builder.globalTable(topics.targets(), Consumed.with(Serdes.String(), TARGET_SERDE).withName("api-targets-source"),
                Materialized.<String, Target, KeyValueStore<Bytes, byte[]>>as(ApiStores.TARGETS)
                        .withKeySerde(Serdes.String()).withValueSerde(TARGET_SERDE));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ApiStores.PROBE_STATS, STATS_RETENTION, Duration.ofHours(1), false),
                Serdes.String(), ProbeBucket.SERDE));
        builder.stream(topics.probes(), Consumed.with(Serdes.String(), Serdes.String()).withName("api-probes-source"))
                .process(ProbeBucketer::new, Named.as("api-probe-buckets"), ApiStores.PROBE_STATS);
    }
}
