package io.alertstream.testkit;

import org.apache.kafka.common.utils.Exit;

/**
 * Stops Kafka and Connect code from ending the JVM.
 *
 * <p>The broker and the Connect worker call {@code Exit.exit}/{@code Exit.halt} on fatal startup
 * errors; in a test JVM or the dev stack that would kill every other service and the test runner
 * with it. Installed once per JVM, the guard turns those calls into an {@link IllegalStateException}
 * that surfaces as the start failure of the service.
 */
final class ExitGuard {

    private static boolean installed;

    private ExitGuard() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka code asked to exit the JVM with status " + code + ": " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka code asked to halt the JVM with status " + code + ": " + message);
        });
        installed = true;
    }
}
