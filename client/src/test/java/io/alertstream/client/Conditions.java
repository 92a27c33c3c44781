package io.alertstream.client;

import io.alertstream.testkit.Waits;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping a fixed time; fails with the given description. */
final class Conditions {
    private Conditions() {
    }

    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> what) throws InterruptedException {
        // Every 10 ms: some states (a call in flight) last only as long as the test holds them.
        Waits.until(condition, timeout, () -> "waiting for " + what.get(), 10);
    }
}
