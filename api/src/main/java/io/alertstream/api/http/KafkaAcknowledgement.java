package io.alertstream.api.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for Kafka to acknowledge one write a request makes (an account, a token, a target). Input: the
 * producer's future and the producer's delivery timeout; output: nothing, or a 503 problem with
 * {@code Retry-After} when the write was refused or not acknowledged in time: a request never answers
 * success for a write Kafka does not have.
 */
public final class KafkaAcknowledgement {
    private KafkaAcknowledgement() {
    }

    /** @param timeout the producer's delivery timeout; a second more covers the future's own completion */
    public static void await(Future<?> sent, Duration timeout) {
        try {
            sent.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(e.getCause() == null ? e.toString() : e.getCause().getClass().getSimpleName());
        }
    }

    private static ProblemException unavailable(String why) {
        return new ProblemException(Problem.of(503, "kafka-unavailable", "Service unavailable",
                "Kafka did not acknowledge the write (" + why + "); nothing was changed that you can rely on, retry shortly"),
                Map.of("Retry-After", "5"));
    }
}
