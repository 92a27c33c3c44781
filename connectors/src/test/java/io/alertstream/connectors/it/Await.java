package io.alertstream.connectors.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on a condition with a deadline (never a fixed sleep), failing with the last observed state. */
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
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
        }
    }
}
