package io.alertstream.api.rules;

import io.alertstream.api.ApiStores;
import io.alertstream.api.ApiTopics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The rule stores of the API topology: the engine's {@code rules} topic (compiled rule JSON by rule
 * id, tombstone = deleted) and the {@code rule-problems} topic (a JSON array of problems per rules
 * directory publisher), each read whole into a global store: rules are few, and every instance
 * answers {@code GET /v1/rules} alone. Values stay text; the endpoint parses them.
 */
public final class RuleViews {
    private RuleViews() {
    }

    public static void addTo(StreamsBuilder builder, ApiTopics topics) {
        builder.globalTable(topics.rules(), Consumed.with(Serdes.String(), Serdes.String()).withName("api-rules-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(ApiStores.RULES)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        builder.globalTable(topics.ruleProblems(), Consumed.with(Serdes.String(), Serdes.String()).withName("api-rule-problems-source"),
                Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(ApiStores.RULE_PROBLEMS)
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
    }
}
