package io.alertstream.bench;

import io.alertstream.testkit.ChildProcess;
import io.alertstream.testkit.ProcessMemory;
import io.alertstream.topology.cli.Main;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One alertstream instance run as {@code alertstream run} in a child JVM, so that its memory is the
 * application's alone: in the bench JVM the embedded broker and the harness's clients share the RSS.
 *
 * <p>Input: the instance's properties (what {@link Deployment#start()} hands to {@code AlertStreamsApp}
 * in this JVM, including {@code application.id} and {@code state.dir}), partitions and replication
 * for topics it creates, a directory and JVM options. Output: a child running the real entry point
 * ({@link Main} {@code run --config FILE --bootstrap-servers ... --application-id ...}) with this
 * JVM's {@code java} binary and class path; its config file ({@code <application.id>.properties})
 * and combined stdout/stderr ({@code <application.id>.log}) in the directory; its VmRSS and VmHWM
 * (peak) from /proc while it runs.
 *
 * <p>Semantics: {@link #start} returns once {@code run} prints its "running" line, which it does when
 * Kafka Streams is RUNNING, the moment {@link Deployment#start()} returns, so a timing started
 * after either covers the same work. The child's environment has no {@code ALERTSTREAM_*}
 * variables: {@code run} would read them as settings, and the in-process instance reads none, so
 * the file is the whole configuration. {@link #close()} sends SIGTERM and waits, then SIGKILL after
 * a grace period; a child left by an aborted bench (exception, Ctrl-C) is ended by the testkit's
 * shutdown reaper.
 */
final class AppProcess implements Deployment.Instance {
    private static final Logger LOG = LoggerFactory.getLogger(AppProcess.class);
    /** What {@code RunCommand} prints once the instance is RUNNING. */
    static final String READY_LINE = "alertstream running:";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    // Timings start when the ready line is seen: poll often, so the clock starts within ~10 ms of
    // RUNNING as it does in-process (the file is a few lines, so a read is cheap).
    private static final long READY_POLL_MILLIS = 10;
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final int TAIL_LINES = 40;

    private final String applicationId;
    private final Path stateDir;
    private final ChildProcess child;
    private final Path log;

    private AppProcess(String applicationId, Path stateDir, ChildProcess child, Path log) {
        this.applicationId = applicationId;
        this.stateDir = stateDir;
        this.child = child;
        this.log = log;
    }

    /** Writes the config file, starts the child and waits until it is RUNNING; stops it when it is not. */
    static AppProcess start(Properties props, int partitions, short replication, Path dir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        String id = props.getProperty("application.id");
        Path config = writeConfig(props, dir.resolve(id + ".properties"));
        Path log = dir.resolve(id + ".log");
        List<String> command = command(javaBinary(), jvmOptions, System.getProperty("java.class.path"), config,
                props.getProperty("bootstrap.servers"), id, partitions, replication);
        long started = System.nanoTime();
        ChildProcess child = ChildProcess.start("alertstream run " + id, command, withoutAlertstreamSettings(System.getenv()), dir, log);
        AppProcess app = new AppProcess(id, Path.of(props.getProperty("state.dir")), child, log);
        try {
            app.awaitRunning();
        } catch (RuntimeException | InterruptedException e) {
            app.close();
            throw e;
        }
        LOG.info("alertstream run {} (pid {}, {}) RUNNING after {} ms; log {}", id, child.pid(), String.join(" ", jvmOptions),
                (System.nanoTime() - started) / 1_000_000, log);
        return app;
    }

    /** {@code java <jvmOptions> -cp <classPath> io.alertstream.topology.cli.Main run <flags>}. */
    static List<String> command(String java, List<String> jvmOptions, String classPath, Path config, String bootstrap,
                                String applicationId, int partitions, short replication) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, Main.class.getName(), "run",
                "--bootstrap-servers", bootstrap,
                "--config", config.toString(),
                "--application-id", applicationId,
                "--partitions", String.valueOf(partitions),
                "--replication-factor", String.valueOf(replication)));
        return command;
    }

    /** Every property as a {@code .properties} file, which {@code run --config} reads back unchanged. */
    static Path writeConfig(Properties props, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "alertstream bench instance, read by alertstream run --config");
        }
        return file;
    }

    /** The variables to remove from the child's environment (null values, see {@link ChildProcess#start}). */
    static Map<String, String> withoutAlertstreamSettings(Map<String, String> environment) {
        Map<String, String> removed = new HashMap<>();
        environment.keySet().stream().filter(k -> k.startsWith("ALERTSTREAM_")).forEach(k -> removed.put(k, null));
        return removed;
    }

    /** The {@code java} binary this JVM runs on, so the child runs the same JDK. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!output().contains(READY_LINE)) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(child.describe() + " did not print '" + READY_LINE + "' within " + READY_TIMEOUT
                        + System.lineSeparator() + child.tail(TAIL_LINES));
            }
            Thread.sleep(READY_POLL_MILLIS);
        }
    }

    private String output() {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return ""; // not created yet: the child has not written anything
        }
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    /** VmRSS and VmHWM of the child JVM now; VmHWM is its peak since it started. */
    ProcessMemory.Status memory() {
        return child.memory();
    }

    @Override
    public void checkAlive() {
        if (!child.isAlive()) {
            throw new IllegalStateException(child.describe() + " exited" + System.lineSeparator() + child.tail(TAIL_LINES));
        }
    }

    @Override
    public void close() {
        long stopping = System.nanoTime();
        child.stop(STOP_GRACE);
        LOG.info("alertstream run {} stopped (SIGTERM) in {} ms", applicationId, (System.nanoTime() - stopping) / 1_000_000);
    }
}
