package io.alertstream.client;

import java.util.List;

/**
 * Where the client's background sender hands each batch: Kafka ({@link KafkaTransport}), the HTTP API
 * ({@link HttpTransport}), or a fake in tests. Called from one thread only, one batch at a time.
 *
 * <p>Input: the batch, each event one JSON object as UTF-8 bytes, in the order the application sent them.
 * Outcome:
 * <ul>
 *   <li>returns normally: every event was delivered;</li>
 *   <li>{@link TransientFailure} (unreachable, timeout, 5xx, 429): the client retries the events the failure
 *       does not name as delivered or rejected, after a backoff (or the failure's {@code retryAfter});</li>
 *   <li>{@link PermanentFailure}: the events it names were refused for good (reported to {@code onRejected},
 *       never retried); every other event of the batch was delivered.</li>
 * </ul>
 */
public interface Transport extends AutoCloseable {

    void deliver(List<byte[]> events) throws TransientFailure, PermanentFailure;

    /** Releases connections; the default holds none. */
    @Override
    default void close() {
    }
}
