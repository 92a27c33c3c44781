package io.alertstream.topology.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code run}, {@code api}) stops: {@link #await()} returns on SIGTERM or
 * Ctrl-C, and the JVM does not exit until the command has closed what it runs ({@link #close()}) or
 * {@code closeWait} has passed. Without the wait the JVM exits as soon as its shutdown hooks return, in
 * the middle of the close: a Streams instance would not leave its group nor finish its transaction, and a
 * restart would begin with an aborted transaction and a state directory to check.
 */
public final class StopSignal implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    private StopSignal() {
    }

    /** Installs the shutdown hook (thread {@code name}); {@code closeWait} should exceed the command's own close timeout. */
    public static StopSignal install(String name, Duration closeWait) {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.stop.countDown();
            try {
                signal.closed.await(closeWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name));
        return signal;
    }

    /** Blocks until the process is told to stop. */
    public void await() throws InterruptedException {
        stop.await();
    }

    /** The command has closed what it runs: the JVM may exit. */
    @Override
    public void close() {
        closed.countDown();
    }
}
