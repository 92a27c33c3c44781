package io.alertstream.topology.errors;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code deserialization.exception.handler}: a record whose key or value a source's serde
 * cannot read (the events source reads bytes and cannot fail; internal topics and the alerts input of
 * the digest can) is skipped and goes to the dead-letter topic as it was read, with reason
 * {@code deserialization-error} and its coordinates, instead of stopping the stream thread.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);
    private final ErrorLog log = new ErrorLog(LOG);
    private HandlerDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = HandlerDeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        ErrorCounts.record(DeadLetterReasons.DESERIALIZATION_ERROR);
        log.warn(context, DeadLetterReasons.DESERIALIZATION_ERROR, exception);
        return Response.resume(List.of(deadLetters.build(context, record.key(), record.value(),
                DeadLetterReasons.DESERIALIZATION_ERROR, exception)));
    }
}
