package io.alertstream.client;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A batch could not be delivered now but may be later (broker or API unreachable, timeout, 5xx, 429).
 * The client retries the batch after a backoff, or after {@link #retryAfter()} when the server said how long.
 *
 * <p>A transport that delivered part of the batch before failing (Kafka acknowledged some records; an
 * HTTP batch split after a 413 got its first half in) names those in {@link #delivered()} and any refused
 * for good in {@link #rejected()}, so the retry sends only the rest and nothing arrives twice.
 */
public final class TransientFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;
    private final transient Set<Integer> delivered;
    private final transient List<Rejection> rejected;

    public TransientFailure(String message, Throwable cause) {
        this(message, cause, null, Set.of(), List.of());
    }

    public TransientFailure(String message, Throwable cause, Duration retryAfter, Set<Integer> delivered, List<Rejection> rejected) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.delivered = Set.copyOf(delivered);
        this.rejected = List.copyOf(rejected);
    }

    /** How long the server asked us to wait (HTTP 429/503 Retry-After), if it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Batch indices already delivered; not sent again. */
    public Set<Integer> delivered() {
        return delivered;
    }

    /** Batch indices refused for good before the failure; reported, not sent again. */
    public List<Rejection> rejected() {
        return rejected;
    }
}
