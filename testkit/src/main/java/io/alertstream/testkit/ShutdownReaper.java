package io.alertstream.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cleans up after an aborted run: one JVM shutdown hook that first ends every child process still
 * running, then deletes every scratch directory still registered.
 *
 * <p>Input: registrations from {@link ChildProcess} and {@link TempDirs}. Output: no leftover
 * Elasticsearch, Redis or bench {@code alertstream run} processes and no leftover temp directories
 * when a test or bench run is interrupted (Ctrl-C, a failsafe timeout, {@code System.exit}); a
 * SIGKILLed JVM runs no hook, so its children outlive it. One hook, because the order matters: a
 * directory can only be removed once the server writing to it is gone.
 */
final class ShutdownReaper {

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Set<ChildProcess> CHILDREN = ConcurrentHashMap.newKeySet();
    private static final Set<Path> SCRATCH_DIRS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownReaper::reap, "alertstream-testkit-reaper"));
    }

    private ShutdownReaper() {
    }

    static void watch(ChildProcess child) {
        CHILDREN.add(child);
    }

    static void forget(ChildProcess child) {
        CHILDREN.remove(child);
    }

    static void watch(Path scratchDir) {
        SCRATCH_DIRS.add(scratchDir);
    }

    static void forget(Path scratchDir) {
        SCRATCH_DIRS.remove(scratchDir);
    }

    private static void reap() {
        CHILDREN.forEach(child -> child.stop(STOP_GRACE));
        SCRATCH_DIRS.forEach(TempDirs::deleteQuietly);
    }
}
