package io.alertstream.topology.errors;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams {@code processing.exception.handler} (KIP-1033): an exception a processor or punctuator
 * throws (a bug: the topology dead-letters every bad input it knows of itself) skips that record
 * instead of stopping the stream thread, and the record goes to the dead-letter topic with reason
 * {@code processing-error}, its coordinates and the failing processor (KIP-1034). Without this, the
 * thread dies, {@code REPLACE_THREAD} starts another from the last commit, and that one meets the same
 * record: the partition stops for good.
 *
 * <p>Exceptions of Kafka's own ({@code KafkaException}, {@code StreamsException}: a send that failed
 * because the producer is in an error state) are not the record's fault and FAIL, so Streams recovers
 * the task as it would without this handler.
 *
 * <p>The dead letter is sent in the task's transaction under exactly-once, with the offsets that skip
 * the record. Streams counts the skipped record in {@code dropped-records-total}; this class counts by
 * reason too ({@link ErrorCounts}) and logs at most one warning per processor every 10 s.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);
    private final ErrorLog log = new ErrorLog(LOG);
    private HandlerDeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = HandlerDeadLetters.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof KafkaException) {
            // Not the record's fault: a send that failed inside the processor's forward (the producer is in
            // an error state, e.g. its transaction is aborting after a refused record). Skipping records here
            // would only add dead letters to a doomed transaction; failing lets Streams recover the task.
            LOG.warn("Not skipping the record in task {}, processor {}: {} is Kafka's own error, not the record's",
                    context.taskId(), context.processorNodeId(), exception.toString());
            return Response.fail();
        }
        ErrorCounts.record(DeadLetterReasons.PROCESSING_ERROR);
        log.warn(context, DeadLetterReasons.PROCESSING_ERROR, exception);
        return Response.resume(List.of(deadLetters.build(context, context.sourceRawKey(), context.sourceRawValue(),
                DeadLetterReasons.PROCESSING_ERROR, exception)));
    }
}
