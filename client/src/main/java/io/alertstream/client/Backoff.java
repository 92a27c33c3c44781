package io.alertstream.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n (0-based) waits a random time between half and all of
 * {@code min(max, initial * 2^n)}. The jitter keeps many clients that lost the same broker from
 * coming back in lockstep; the lower half-bound keeps the wait growing.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;

    Backoff(Duration initial, Duration max) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initialMs = initial.toMillis();
        this.maxMs = max.toMillis();
    }

    /** The wait before retry number {@code attempt + 1}. */
    long delayMs(int attempt) {
        long ceiling = attempt >= 30 ? maxMs : Math.min(maxMs, initialMs << attempt);
        long half = ceiling / 2;
        return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
    }

    long maxMs() {
        return maxMs;
    }
}
