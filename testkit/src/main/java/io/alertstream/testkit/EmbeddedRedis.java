package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server as a child process on 127.0.0.1 (see {@link RedisBinary} for which binary).
 *
 * <p>Input: optional port and password. Output: a server at {@link #uri()}. Semantics: no persistence
 * ({@code save ""}, {@code appendonly no}), so {@link #restart()} brings back an empty server on the
 * same port, like a cache node that crashed; sinks see a real outage between {@link #stop()} and
 * {@link #restart()}. Settings go through a config file in a private scratch directory, which keeps
 * the password out of the process list.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRedis.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final String password;
    private final Path workDir;
    private int port;
    private ChildProcess process;

    private EmbeddedRedis(Builder builder) {
        this.password = builder.password;
        this.port = builder.port;
        this.workDir = TempDirs.create("alertstream-redis-");
    }

    /** Starts a server on a free port without a password. */
    public static EmbeddedRedis start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, or {@code redis://:PASSWORD@127.0.0.1:PORT} with a password. */
    public String uri() {
        return password == null ? "redis://127.0.0.1:" + port : "redis://:" + password + "@127.0.0.1:" + port;
    }

    /** Kills the server (its data is gone: no persistence). */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    /** Stops (if running) and starts an empty server on the same port. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    @Override
    public synchronized void close() {
        stop();
        TempDirs.deleteQuietly(workDir);
    }

    private synchronized EmbeddedRedis startWithRetries(boolean portChosenByCaller) {
        try {
            PortRaceRetry.start("Redis", portChosenByCaller, () -> port = port == 0 ? FreePorts.find() : port,
                this::startProcess, () -> port = 0);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startProcess() {
        long started = System.nanoTime();
        Path binary = RedisBinary.find();
        Path config = writeConfig();
        ChildProcess child = ChildProcess.start("redis-server:" + port, List.of(binary.toString(), config.toString()),
            Map.of(), workDir, workDir.resolve("redis.log"));
        child.awaitReady(() -> RedisProbe.pong(port, password), READY_TIMEOUT, "Redis answering PONG on port " + port, STOP_GRACE);
        process = child;
        LOG.info("Redis ({}) up on 127.0.0.1:{} in {} ms, {} kB RSS", binary, port,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), child.residentKb());
    }

    private Path writeConfig() {
        StringBuilder conf = new StringBuilder()
            .append("bind 127.0.0.1\n")
            .append("port ").append(port).append('\n')
            .append("save \"\"\n")
            .append("appendonly no\n")
            .append("daemonize no\n")
            .append("dir ").append(workDir.toAbsolutePath()).append('\n');
        if (password != null) {
            conf.append("requirepass \"").append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        }
        Path file = workDir.resolve("redis.conf");
        try {
            Files.writeString(file, conf, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write Redis config " + file, e);
        } catch (UnsupportedOperationException e) {
            return file;
        }
    }

    /** Options for {@link EmbeddedRedis}. */
    public static final class Builder {
        private int port;
        private String password;

        private Builder() {
        }

        /** Fixed port; default: a free port (retried with a new one on a port race). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Require this password ({@code requirepass}); default: none. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        public EmbeddedRedis start() {
            return new EmbeddedRedis(this).startWithRetries(port != 0);
        }
    }
}
