package io.alertstream.connectors.probe;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per period and counts the ones it held back, so a topic full of bad targets
 * cannot flood the worker's log (the task never fails on them).
 */
final class RateLimitedWarning {
    private final Logger log;
    private final long periodMs;
    private final LongSupplier clock;
    private long lastLoggedMs = Long.MIN_VALUE;
    private long suppressed;

    RateLimitedWarning(Logger log, long periodMs, LongSupplier clock) {
        this.log = log;
        this.periodMs = periodMs;
        this.clock = clock;
    }

    /** Logs {@code format} with {@code args} (SLF4J style) unless one was logged less than a period ago. */
    synchronized boolean warn(String format, Object... args) {
        long now = clock.getAsLong();
        if (lastLoggedMs != Long.MIN_VALUE && now - lastLoggedMs < periodMs) {
            suppressed++;
            return false;
        }
        if (suppressed > 0) {
            log.warn("{} similar warning(s) were not logged in the last {} ms", suppressed, periodMs);
            suppressed = 0;
        }
        lastLoggedMs = now;
        log.warn(format, args);
        return true;
    }
}
