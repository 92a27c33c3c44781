package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * An external server process (redis-server, Elasticsearch, an {@code alertstream run} JVM of the
 * bench) owned by this JVM.
 *
 * <p>Input: a command line, extra environment (a null value removes a variable the child would
 * inherit) and a log file. Output: the running process, its combined stdout/stderr in the log file,
 * its memory from /proc, and the log's tail for error messages. Semantics:
 * {@link #stop(Duration)} ends the whole process tree (Elasticsearch runs a launcher JVM that forks
 * the server JVM): first SIGTERM so servers shut down cleanly, then SIGKILL after the grace period.
 * Every running child is also ended by {@link ShutdownReaper}, so an aborted test run leaves
 * nothing behind.
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDir, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        environment.forEach((key, value) -> {
            if (value == null) {
                builder.environment().remove(key);
            } else {
                builder.environment().put(key, value);
            }
        });
        try {
            ChildProcess child = new ChildProcess(name, builder.start(), logFile);
            ShutdownReaper.watch(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " with " + command, e);
        }
    }

    /**
     * Waits until {@code ready} holds. If the process dies first or the timeout passes, the process
     * tree is stopped and the error names {@code what} and carries the tail of the process output.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout, String what, Duration stopGrace) {
        try {
            Waits.until(() -> {
                if (!process.isAlive()) {
                    throw new Waits.GiveUp(name + " exited with status " + process.exitValue());
                }
                return ready.getAsBoolean();
            }, timeout, () -> "Gave up waiting for " + what + ": " + describe() + System.lineSeparator()
                + "--- last lines of " + logFile + " ---" + System.lineSeparator() + tail(40));
        } catch (RuntimeException e) {
            stop(stopGrace);
            throw e;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Resident memory of the process tree in kB, from /proc (0 where /proc is not available). */
    long residentKb() {
        return ProcessMemory.residentKb(process.toHandle());
    }

    /** VmRSS and VmHWM (peak) of the process itself, not its descendants (see {@link ProcessMemory#status}). */
    public ProcessMemory.Status memory() {
        return ProcessMemory.status(process.pid());
    }

    /** SIGTERM to the tree, wait up to {@code grace}, then SIGKILL what is left. */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // Not gone within the grace period (or interrupted): killed below.
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ShutdownReaper.forget(this);
    }

    /** The last {@code lines} lines of the process output, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    public String describe() {
        return name + " (pid " + process.pid() + ", " + (process.isAlive() ? "running" : "exited with " + process.exitValue())
            + ", log " + logFile + ")";
    }
}
