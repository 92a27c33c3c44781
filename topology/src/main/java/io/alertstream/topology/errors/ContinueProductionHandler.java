package io.alertstream.topology.errors;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code production.exception.handler}: an output record the serializer, the producer or
 * the broker refuses ({@code RecordTooLargeException}, {@code InvalidTimestampException}, a serde bug)
 * is skipped (logged, counted) and a reference to it (no value: the output may be what was too large; the
 * input's coordinates, the target topic in the message) goes to the dead-letter topic with reason
 * {@code production-error}. Retriable errors (a broker that is slow or lacks replicas) are retried, as
 * Kafka's default handler does, so a broker hiccup never drops output.
 *
 * <p><b>Exactly-once:</b> this CONTINUE saves the thread under {@code at_least_once} only. With a
 * transactional producer, a record refused in {@code send} or by the broker puts the transaction in an
 * abortable error state (Kafka 4.3 {@code TransactionManager#maybeTransitionToErrorState}): the next send or
 * the commit fails, Streams aborts, and the task re-reads its input from the last commit. That is why
 * alertstream bounds what it writes before writing it (event times in {@code [0, now + max.future]},
 * group values, dead-letter sizes, distinct_count state): under exactly-once, validation is the only
 * protection from a record the broker refuses, and this handler is the net for at-least-once.
 * Measured on the embedded broker (a 2.1 MB alert record, limits raised to let it through): the handler
 * resumed, the next send failed, the thread died; its replacement got the task back after the session
 * timeout (~45 s), met the same record and died again.
 * A failing dead letter is not dead-lettered again.
 */
public final class ContinueProductionHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ContinueProductionHandler.class);
    private final ErrorLog log = new ErrorLog(LOG);
    private HandlerDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = HandlerDeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return skip(context, record.topic(), exception);
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                             SerializationExceptionOrigin origin) {
        return skip(context, record.topic(), exception);
    }

    private Response skip(ErrorHandlerContext context, String topic, Exception exception) {
        ErrorCounts.record(DeadLetterReasons.PRODUCTION_ERROR);
        log.warn(context, DeadLetterReasons.PRODUCTION_ERROR + " writing to " + topic, exception);
        if (deadLetters.isDeadLetterTopic(topic)) {
            return Response.resume(); // the dead letter itself failed: another would fail the same way
        }
        Exception described = new Exception("writing to topic " + topic + " failed: " + exception, exception);
        return Response.resume(List.of(deadLetters.build(context, null, null, DeadLetterReasons.PRODUCTION_ERROR, described)));
    }
}
