package io.alertstream.topology.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.runtime.AppConfig;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** The Streams exception handlers alertstream configures: skip, dead-letter with reason and coordinates, continue. */
class ExceptionHandlersTest {
    private static final Map<String, Object> CONFIG = Map.of("alertstream.topic.dead-letter", "my-dlq",
            "alertstream.dead-letter.max.bytes", "10000");

    private static ErrorHandlerContext context(byte[] rawValue) {
        return context(rawValue, "evaluate");
    }

    private static ErrorHandlerContext context(byte[] rawValue, String node) {
        return new ErrorHandlerContext() {
            public String topic() { return "events"; }
            public int partition() { return 3; }
            public long offset() { return 42; }
            public Headers headers() { return new RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8)); }
            public String processorNodeId() { return node; }
            public TaskId taskId() { return new TaskId(1, 3); }
            public long timestamp() { return -5; }
            public byte[] sourceRawKey() { return "k".getBytes(StandardCharsets.UTF_8); }
            public byte[] sourceRawValue() { return rawValue; }
        };
    }

    @Test
    void shouldConfigureAllThreeHandlersInTheDefaults() {
        Properties p = AppConfig.defaults();
        assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterProcessingHandler.class.getName());
        assertThat(p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DeadLetterDeserializationHandler.class.getName());
        assertThat(p.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(ContinueProductionHandler.class.getName());
        assertThat(p.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG)).as("global stores too").isEqualTo("true");
    }

    @Test
    void shouldSendEachPartsRecordsToThatPartsDeadLetterTopic() {
        Map<String, Object> config = Map.of("alertstream.topic.dead-letter", "events-dlq",
                "alertstream.notify.topic.dead-letter", "notify-dlq", "alertstream.digest.topic.dead-letter", "digest-dlq");
        DeadLetterProcessingHandler processing = new DeadLetterProcessingHandler();
        processing.configure(config);
        ContinueProductionHandler production = new ContinueProductionHandler();
        production.configure(config);
        Map<String, String> expected = Map.of("evaluate", "events-dlq", "parse", "events-dlq", "notify-route", "notify-dlq",
                "notify-sink", "notify-dlq", "digest-process", "digest-dlq", "digest-sink", "digest-dlq");
        expected.forEach((node, topic) -> {
            assertThat(processing.handleError(context(new byte[1], node), null, new IllegalStateException("boom"))
                    .deadLetterQueueRecords().get(0).topic()).as("processing error in " + node).isEqualTo(topic);
            assertThat(production.handleError(context(null, node), new ProducerRecord<>("out", new byte[0], new byte[0]),
                    new RecordTooLargeException("too large")).deadLetterQueueRecords().get(0).topic()).as("production error in " + node)
                    .isEqualTo(topic);
        });
        for (String dlq : List.of("events-dlq", "notify-dlq", "digest-dlq")) {
            assertThat(production.handleError(context(null, "notify-dead-letter-sink"), new ProducerRecord<>(dlq, new byte[0], new byte[0]),
                    new RecordTooLargeException("too large")).deadLetterQueueRecords()).as("a failing dead letter to " + dlq).isEmpty();
        }
    }

    @Test
    void shouldResumeAfterAProcessingErrorAndDeadLetterTheSourceRecordWithReasonAndCoordinates() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);
        ProcessingExceptionHandler.Response response = handler.handleError(context("{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
                new Record<>("k", "v", 1L), new IllegalArgumentException("x".repeat(5000)));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("my-dlq");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(header(dead, DeadLetters.ERROR_TYPE)).isEqualTo(DeadLetterReasons.PROCESSING_ERROR);
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo("events");
        assertThat(header(dead, DeadLetters.SOURCE_PARTITION)).isEqualTo("3");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("42");
        assertThat(header(dead, HandlerDeadLetters.PROCESSOR)).isEqualTo("evaluate");
        assertThat(header(dead, "trace-id")).isEqualTo("t-1");
        assertThat(dead.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value()).hasSizeLessThanOrEqualTo(DeadLetters.MAX_MESSAGE_BYTES);
        assertThat(header(dead, DeadLetters.ERROR_MESSAGE)).startsWith("java.lang.IllegalArgumentException: xxx").endsWith("[truncated]");
        assertThat(dead.timestamp()).as("a negative input time is replaced by one the broker accepts").isPositive();
    }

    @Test
    void shouldFailOnKafkasOwnErrorsWhichAreNotTheRecordsFault() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);
        ProcessingExceptionHandler.Response response = handler.handleError(context(null), null,
                new org.apache.kafka.streams.errors.StreamsException("Error encountered trying to send record to topic x"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldLeaveOutAValueThatWouldMakeTheDeadLetterTooLarge() {
        DeadLetterProcessingHandler handler = new DeadLetterProcessingHandler();
        handler.configure(CONFIG);
        ProducerRecord<byte[], byte[]> dead = handler.handleError(context(new byte[20_000]), null, new IllegalStateException("boom"))
                .deadLetterQueueRecords().get(0);
        assertThat(dead.value()).isNull();
        assertThat(header(dead, DeadLetters.DROPPED)).contains("value (20000 bytes)", "alertstream.dead-letter.max.bytes=10000");
        assertThat(header(dead, DeadLetters.SOURCE_OFFSET)).isEqualTo("42");
    }

    @Test
    void shouldResumeAfterADeserializationErrorWithTheRecordAsItWasRead() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(CONFIG);
        DeserializationExceptionHandler.Response response = handler.handleError(context(null),
                new ConsumerRecord<>("events", 3, 42, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}), new RuntimeException("bad"));
        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords().get(0).value()).containsExactly(1, 2);
        assertThat(header(response.deadLetterQueueRecords().get(0), DeadLetters.ERROR_TYPE)).isEqualTo(DeadLetterReasons.DESERIALIZATION_ERROR);
    }

    @Test
    void shouldContinueAfterRecordTooLargeAndInvalidTimestampButRetryRetriableErrors() {
        ContinueProductionHandler handler = new ContinueProductionHandler();
        handler.configure(new HashMap<>(CONFIG));
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>("alerts", new byte[0], new byte[0]);
        for (Exception e : List.of(new RecordTooLargeException("too large"), new InvalidTimestampException("ahead"))) {
            ProductionExceptionHandler.Response response = handler.handleError(context(null), out, e);
            assertThat(response.result()).as(e.toString()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
            ProducerRecord<byte[], byte[]> ref = response.deadLetterQueueRecords().get(0);
            assertThat(ref.value()).as("a reference, not the refused output").isNull();
            assertThat(header(ref, DeadLetters.ERROR_TYPE)).isEqualTo(DeadLetterReasons.PRODUCTION_ERROR);
            assertThat(header(ref, DeadLetters.ERROR_MESSAGE)).contains("topic alerts");
        }
        assertThat(handler.handleError(context(null), out, new NotEnoughReplicasException("later")).result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    @Test
    void shouldNotDeadLetterADeadLetterThatFailed() {
        ContinueProductionHandler handler = new ContinueProductionHandler();
        handler.configure(CONFIG);
        ProductionExceptionHandler.Response response = handler.handleError(context(null),
                new ProducerRecord<>("my-dlq", new byte[0], new byte[0]), new RecordTooLargeException("too large"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
