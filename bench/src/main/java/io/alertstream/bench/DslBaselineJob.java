package io.alertstream.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The job a user would write by hand in an afternoon instead of running alertstream, for the backlog
 * section's rule (count of {@code kind == "hit"} per {@code group} in one-minute tumbling windows,
 * above a threshold): Kafka Streams DSL, Jackson tree parse, event time from the JSON, {@code groupBy},
 * windowed {@code count} with 10 minutes of grace, counts above the threshold to an output topic. It
 * has none of alertstream's guarantees (no levels, no RESOLVED, an update per cache flush instead of
 * one transition, out-of-order data past the grace dropped): it is the speed a user gives up or gains.
 */
final class DslBaselineJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = new JsonFactory();
    /** How such a job ships its parsed events through the repartition: a JSON serde. */
    private static final Serde<JsonNode> JSON_SERDE = Serdes.serdeFrom(
            (topic, node) -> {
                try {
                    return node == null ? null : JSON.writeValueAsBytes(node);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            },
            (topic, bytes) -> bytes == null ? null : tree(bytes));

    private DslBaselineJob() {
    }

    static Topology build(String input, String output, int threshold) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(new TimeField("timestamp")))
                .mapValues(DslBaselineJob::tree, Named.as("parse"))
                .filter((k, event) -> event != null && "hit".equals(event.path("kind").asText()), Named.as("hits"))
                .groupBy((k, event) -> event.path("group").asText(), Grouped.with("by-group", Serdes.String(), JSON_SERDE))
                .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofMinutes(10)))
                .count(Named.as("count"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts")
                        .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()))
                .toStream(Named.as("updates"))
                .filter((window, count) -> count > threshold, Named.as("above"))
                .map((window, count) -> KeyValue.pair(window.key() + "@" + window.window().start(), count), Named.as("flat"))
                .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    private static JsonNode tree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    /** Event time from a top-level epoch-millisecond field, read with a streaming parser. */
    private record TimeField(String name) implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            try (JsonParser p = FACTORY.createParser((byte[]) record.value())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return partitionTime;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken t = p.nextToken();
                    if (field.equals(name) && t == JsonToken.VALUE_NUMBER_INT) {
                        return p.getLongValue();
                    }
                    p.skipChildren();
                }
            } catch (IOException e) {
                // fall through: like a hand-written job, a bad record takes the partition's time
            }
            return partitionTime;
        }
    }
}
