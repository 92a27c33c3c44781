package io.alertstream.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.runtime.AppConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handlers as Kafka Streams 4.3 runs them: configured from the properties (with the alertstream.*
 * keys), a record a processor throws on is skipped and sent to the dead-letter topic, and the records
 * after it go on.
 */
class ExceptionHandlerWiringTest {
    @TempDir
    Path tmp;

    @Test
    void shouldSkipARecordAProcessorThrowsOnSendItToTheDeadLetterTopicAndGoOn() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> {
                    if (v.equals("boom")) {
                        throw new IllegalStateException("a bug meets " + v);
                    }
                    return v.toUpperCase();
                })
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = AppConfig.putExceptionHandlers(new Properties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "wiring");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.toString());
        props.put("alertstream.topic.dead-letter", "dlq");
        long before = ErrorCounts.get(DeadLetterReasons.PROCESSING_ERROR);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
            TestOutputTopic<String, String> dlq = driver.createOutputTopic("dlq", new StringDeserializer(), new StringDeserializer());
            in.pipeInput("k", "a");
            in.pipeInput("k", "boom");
            in.pipeInput("k", "b");

            assertThat(out.readValuesToList()).containsExactly("A", "B");
            TestRecord<String, String> dead = dlq.readRecord();
            assertThat(dead.value()).isEqualTo("boom");
            assertThat(header(dead, DeadLetters.ERROR_TYPE)).isEqualTo(DeadLetterReasons.PROCESSING_ERROR);
            assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).contains("IllegalStateException", "a bug meets boom");
            assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("in");
            assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("1");
            assertThat(ErrorCounts.get(DeadLetterReasons.PROCESSING_ERROR) - before).isEqualTo(1);
        }
    }

    private static String header(TestRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
