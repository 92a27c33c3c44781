package io.alertstream.connectors.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on conditions with deadlines (never a fixed sleep), failing with the last observed state. */
final class Await {
    private Await() {
    }

    static void until(BooleanSupplier condition, Duration timeout, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean done;
            try {
                done = condition.getAsBoolean();
            } catch (RuntimeException e) {
                done = false;
            }
            if (done) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not reached within " + timeout + ": " + state.get());
            }
            pause(200);
        }
    }

    /** Checks {@code assertion} every half second for {@code duration}: a state that must hold throughout. */
    static void holdsFor(Duration duration, Runnable assertion) {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            assertion.run();
            pause(500);
        }
        assertion.run();
    }

    /** Closes each service, going on after a failure so no process outlives the test class. */
    static void closeAll(AutoCloseable... services) {
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
