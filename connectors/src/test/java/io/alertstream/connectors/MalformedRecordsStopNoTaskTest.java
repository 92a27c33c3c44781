package io.alertstream.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector;
import io.alertstream.connectors.email.EmailSinkConnector;
import io.alertstream.connectors.redis.RedisSinkConnector;
import io.alertstream.connectors.webhook.WebhookSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No single record may stop a sink task: with the default {@code fail}, a bad record goes to Connect's error
 * handling, which stops the task unless {@code errors.tolerance=all}. Each sink refuses that combination,
 * through the REST validation and at start, on the key to change, and accepts the two ways out.
 */
class MalformedRecordsStopNoTaskTest {

    record Sink(String name, Supplier<SinkConnector> connector, String behaviorKey, Map<String, String> required) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sink> sinks() {
        return List.of(
                new Sink("elasticsearch", ElasticsearchSinkConnector::new, "behavior.on.malformed.documents",
                        Map.of("connection.urls", "http://127.0.0.1:9200")),
                new Sink("redis", RedisSinkConnector::new, "behavior.on.malformed.records", Map.of()),
                new Sink("email", EmailSinkConnector::new, "behavior.on.malformed.records",
                        Map.of("smtp.host", "127.0.0.1", "email.from", "a@example.com")),
                new Sink("webhook", WebhookSinkConnector::new, "behavior.on.malformed.records",
                        Map.of("webhook.allowed.url.prefixes", "https://h.example/")));
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void theDefaultWithoutToleranceShouldBeRefusedOnTheBehaviorKey(Sink sink) {
        Map<String, String> props = new HashMap<>(sink.required());
        assertThat(errors(sink, props, sink.behaviorKey())).singleElement().asString()
                .contains("errors.tolerance=all", "errors.deadletterqueue.topic.name", sink.behaviorKey() + "=warn");
        props.put("errors.tolerance", "none");
        assertThat(errors(sink, props, sink.behaviorKey())).as("explicit none").hasSize(1);
        assertThatThrownBy(() -> sink.connector().get().start(props)).isInstanceOf(ConnectException.class)
                .hasMessageContaining(sink.behaviorKey());
    }

    @ParameterizedTest
    @MethodSource("sinks")
    void toleranceAllOrSkippingShouldBeAccepted(Sink sink) {
        Map<String, String> tolerant = new HashMap<>(sink.required());
        tolerant.put("errors.tolerance", "all");
        assertThat(errors(sink, tolerant, sink.behaviorKey())).isEmpty();
        sink.connector().get().start(tolerant);

        Map<String, String> skipping = new HashMap<>(sink.required());
        skipping.put(sink.behaviorKey(), "warn");
        assertThat(errors(sink, skipping, sink.behaviorKey())).isEmpty();
        sink.connector().get().start(skipping);
    }

    private static List<String> errors(Sink sink, Map<String, String> props, String key) {
        return sink.connector().get().validate(props).configValues().stream().filter(v -> v.name().equals(key))
                .flatMap(v -> v.errorMessages().stream()).toList();
    }
}
