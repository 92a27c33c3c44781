package io.alertstream.devstack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM running {@link DevMain} with this test JVM's class path, as the {@code alertstream}
 * launcher runs it. Its stdout and stderr go to one log file (kept under target/ for post-mortems);
 * tests wait for lines in that file with a deadline and print its tail when something goes wrong.
 */
final class ChildJvm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    final String name;
    final Path log;
    private final Process process;

    private ChildJvm(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** What {@link Process#exitValue()} reports for a process ended by SIGKILL (128 + 9). */
    static final int KILLED_BY_SIGKILL = 137;

    /**
     * Starts {@code alertstream run} against {@code bootstrap} as {@code applicationId}, with {@code config} written to
     * {@code <configDir>/<name>.properties} and passed as {@code --config}, then {@code extraArgs}: how the crash tests
     * start each instance they kill and replace.
     */
    static ChildJvm startRun(String name, Path logDir, String bootstrap, String applicationId, Properties config, Path configDir,
                             String... extraArgs) throws IOException {
        Path file = writeConfig(config, configDir, name);
        List<String> args = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrap, "--application-id", applicationId,
                "--config", file.toString()));
        args.addAll(List.of(extraArgs));
        return start(name, logDir, args);
    }

    /** Writes {@code config} to {@code <dir>/<name>.properties}, for a child's {@code --config}. */
    static Path writeConfig(Properties config, Path dir, String name) throws IOException {
        Path file = dir.resolve(name + ".properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            config.store(w, "config of " + name);
        }
        return file;
    }

    /** Starts {@code java -cp <our class path> io.alertstream.devstack.DevMain args...}. */
    static ChildJvm start(String name, Path logDir, List<String> args) throws IOException {
        return start(name, logDir, args, Map.of());
    }

    /** As {@link #start(String, Path, List)}, with these variables added to the inherited environment. */
    static ChildJvm start(String name, Path logDir, List<String> args, Map<String, String> env) throws IOException {
        return start(name, logDir, args, env, null);
    }

    /** As above, started in {@code workDir} (null: this JVM's working directory). */
    static ChildJvm start(String name, Path logDir, List<String> args, Map<String, String> env, Path workDir) throws IOException {
        return start(name, logDir, args, env, workDir, System.getProperty("java.class.path"));
    }

    /**
     * With exactly the class path the {@code ./alertstream} launcher uses (this module's classes and
     * {@code target/classpath.txt}, no test classes or test resources), so the child logs as a user's process
     * does: with the production {@code log4j2.xml}, not the tests' one.
     */
    static ChildJvm startLikeLauncher(String name, Path logDir, List<String> args, Path workDir) throws IOException {
        return startLikeLauncher(name, logDir, args, Map.of(), workDir);
    }

    /** As above, with these variables added to the inherited environment. */
    static ChildJvm startLikeLauncher(String name, Path logDir, List<String> args, Map<String, String> env, Path workDir) throws IOException {
        Path target = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target");
        String classpath = target.resolve("classes") + java.io.File.pathSeparator
                + Files.readString(target.resolve("classpath.txt"), StandardCharsets.UTF_8).trim();
        return start(name, logDir, args, env, workDir, classpath);
    }

    private static ChildJvm start(String name, Path logDir, List<String> args, Map<String, String> env, Path workDir,
                                  String classpath) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(classpath);
        command.add(DevMain.class.getName());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        LOG.info("Started {} (pid {}): DevMain {}; output in {}", name, process.pid(), String.join(" ", args), log);
        return new ChildJvm(name, log, process);
    }

    /** Log files live in target/ so that a failed run can be read afterwards. */
    static Path logDir(Class<?> testClass) {
        return Path.of(System.getProperty("basedir", ".")).resolve("target").resolve("it-processes")
                .resolve(testClass.getSimpleName() + "-" + System.currentTimeMillis());
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Waits until a line of the output matches, failing with the output's tail at the deadline or if the process exits. */
    String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : output().split("\n")) {
                if (pattern.matcher(line).find()) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before printing /" + pattern + "/\n" + tail(60));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print /" + pattern + "/ within " + timeout + "\n" + tail(60));
            }
            Thread.sleep(200);
        }
    }

    String tail(int lines) {
        String[] all = output().split("\n");
        int from = Math.max(0, all.length - lines);
        return "---- last " + (all.length - from) + " lines of " + log + " ----\n"
                + String.join("\n", java.util.Arrays.copyOfRange(all, from, all.length));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no clean close, open transactions left behind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a service manager would stop it; returns whether it exited in time. */
    boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the process to end on its own; returns whether it did within {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
