package io.alertstream.topology.errors;

import io.alertstream.topology.support.RateLimitedLog;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;

/**
 * The exception handlers' log: one warning (with the stack trace) at most every 10 s per processor and
 * reason, naming the record's coordinates, so a flood of bad records cannot flood the log.
 */
final class ErrorLog {
    private final RateLimitedLog log;

    ErrorLog(Logger logger) {
        this.log = new RateLimitedLog(logger, 10_000);
    }

    void warn(ErrorHandlerContext context, String what, Exception exception) {
        // RateLimitedLog is not thread-safe and one handler instance may serve several stream threads.
        synchronized (this) {
            log.warn(context.processorNodeId() + "/" + what, System.currentTimeMillis(),
                    "Skipped a record ({}) in task {}, processor {}, from {}-{} offset {}; sent to the dead-letter topic",
                    what, context.taskId(), context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
        }
    }
}
