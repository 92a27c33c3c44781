package io.alertstream.connectors.redis;

import java.util.List;

/**
 * What the Redis sink task needs from Redis: store counter updates.
 *
 * <p>Contract of {@link #write}: when it returns, every update not in the returned list is stored; the
 * returned ones were refused for their content (e.g. the key holds another Redis type). An outage that
 * outlasts the configured retries throws {@code RetriableException}; bad credentials throw
 * {@code ConnectException}.
 */
public interface CounterWriter extends AutoCloseable {

    List<CounterRejection> write(List<CounterUpdate> updates);

    @Override
    void close();

    /** An update Redis refused, with Redis's error text. */
    record CounterRejection(CounterUpdate update, String reason) {
    }
}
