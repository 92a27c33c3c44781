package io.alertstream.api;

import io.alertstream.testkit.Waits;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition of a running API (a store caught up, partitions assigned) with a deadline, for the ITs. */
public final class Eventually {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Eventually() {
    }

    /** Polls {@code condition} every 100 ms; fails naming {@code what} after 60 s. */
    public static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Waits.until(condition, TIMEOUT, () -> "timed out waiting until " + what);
    }
}
