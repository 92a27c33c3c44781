package io.alertstream.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes; used instead of fixed sleeps.
 *
 * <p>Input: a condition, a timeout and a description of the failure. Output: returns normally
 * once the condition holds; otherwise throws {@link IllegalStateException} with the description
 * (computed lazily, so it can include the latest observed state). Exceptions thrown by the
 * condition count as "not yet", except {@link GiveUp}, which ends the wait at once (e.g. the
 * server process died, so waiting longer cannot help).
 */
final class Waits {

    private static final long POLL_MILLIS = 100;

    private Waits() {
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (GiveUp e) {
                throw new IllegalStateException(e.getMessage() + ": " + failure.get(), e);
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(failure.get() + " (waited " + timeout.toMillis() + " ms)", last);
            }
            sleep(POLL_MILLIS);
        }
    }

    /** Thrown by a condition that can never become true any more. */
    static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GiveUp(String message) {
            super(message);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
