package io.alertstream.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes; used instead of fixed sleeps, by the test kit's
 * services and every module's integration tests.
 *
 * <p>Input: a condition, a timeout and a description of the failure. Output: returns normally
 * once the condition holds; otherwise throws {@link IllegalStateException} with the description
 * (computed lazily, so it can include the latest observed state). Exceptions thrown by the
 * condition count as "not yet", except {@link GiveUp}, which ends the wait at once (e.g. the
 * server process died, so waiting longer cannot help).
 */
public final class Waits {

    private static final long POLL_MILLIS = 100;

    private Waits() {
    }

    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure) {
        until(condition, timeout, failure, POLL_MILLIS);
    }

    /** As {@link #until(BooleanSupplier, Duration, Supplier)}, checking every {@code pollMillis} (a state a test must catch while it lasts). */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> failure, long pollMillis) {
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
            sleep(pollMillis);
        }
    }

    /** Thrown by a condition that can never become true any more. */
    public static final class GiveUp extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public GiveUp(String message) {
            super(message);
        }
    }

    /** Checks {@code assertion} every 200 ms for {@code duration}, then once more: a state that must hold throughout. */
    public static void holdsFor(Duration duration, Runnable assertion) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            assertion.run();
            sleep(200);
        }
        assertion.run();
    }

    /** Closes each service in order, going on after a failure so that no broker or worker outlives the test class. */
    public static void closeAll(AutoCloseable... services) {
        for (AutoCloseable service : services) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                System.err.println("Closing " + service + " failed: " + e);
            }
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting", e);
        }
    }
}
