package io.alertstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch server (the version pinned in the parent POM) as a child process.
 *
 * <p>Input: optional heap size, data directory and HTTP port. Output: the REST API at {@link #url()},
 * security disabled, bound to 127.0.0.1 only. Semantics: the distribution comes from the local Maven
 * repository (see {@link ElasticsearchDistribution}); each instance gets its own run directory with a
 * copy of {@code config/}, logs and temp files; when this JVM is root the server runs as
 * {@code nobody}. {@link #stop()} ends the whole process tree and keeps the data, so
 * {@link #restart()} (same ports) finds its indices again. The server's output goes to
 * {@code logs/console.log} in the run directory and its tail is part of every start error.
 */
public final class EmbeddedElasticsearch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedElasticsearch.class);
    /** Measured 10-40 s on two cores, 107 s at load average 17 (several builds at once). */
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final int heapMb;
    private final String username;
    private final String password;
    private final Duration startTimeout;
    private final Path runDir;
    private final Path dataDir;
    private final boolean tempDataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int httpPort;
    private int transportPort;
    private ChildProcess process;

    private EmbeddedElasticsearch(Builder builder) {
        this.heapMb = builder.heapMb;
        this.username = builder.username;
        this.password = builder.password;
        this.startTimeout = builder.startTimeout;
        this.httpPort = builder.httpPort;
        this.runDir = TempDirs.create("alertstream-es-");
        this.tempDataDir = builder.dataDir == null;
        this.dataDir = tempDataDir ? runDir.resolve("data") : builder.dataDir.toAbsolutePath();
    }

    /** Starts a node with a 512 MB heap on free ports and a fresh data directory. */
    public static EmbeddedElasticsearch start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Ends the server process tree; the data directory is kept. */
    public synchronized void stop() {
        if (process != null) {
            LOG.info("Stopping Elasticsearch {}", url());
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    /** Stops (if running) and starts again with the same ports and data. */
    public synchronized void restart() {
        stop();
        startProcess();
    }

    /** Stops and deletes the run directory (and the data, unless a data directory was given). */
    @Override
    public synchronized void close() {
        stop();
        TempDirs.deleteQuietly(runDir);
    }

    private synchronized EmbeddedElasticsearch startWithRetries(boolean portChosenByCaller) {
        try {
            prepareRunDir();
            PortRaceRetry.start("Elasticsearch", portChosenByCaller, () -> {
                httpPort = httpPort == 0 ? FreePorts.find() : httpPort;
                transportPort = FreePorts.find();
                writeSettings();
            }, this::startProcess, () -> httpPort = 0);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startProcess() {
        long started = System.nanoTime();
        Path home = ElasticsearchDistribution.home();
        Path log = runDir.resolve("logs").resolve("console.log");
        List<String> command = UnprivilegedUser.wrap(List.of(home.resolve("bin").resolve("elasticsearch").toString()));
        Map<String, String> env = Map.of(
            "ES_PATH_CONF", runDir.resolve("config").toString(),
            "ES_JAVA_HOME", System.getProperty("java.home"),
            "ES_TMPDIR", runDir.resolve("tmp").toString(),
            "ES_JAVA_OPTS", "-Xms" + heapMb + "m -Xmx" + heapMb + "m",
            "HOME", runDir.toString());
        ChildProcess child = ChildProcess.start("elasticsearch:" + httpPort, command, withoutJavaEnv(env), runDir, log);
        child.awaitReady(this::healthy, startTimeout, "Elasticsearch yellow/green at " + url() + "/_cluster/health", STOP_GRACE);
        process = child;
        LOG.info("Elasticsearch {} up at {} in {} ms, {} kB RSS (run dir {})", ElasticsearchDistribution.VERSION, url(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), child.residentKb(), runDir);
    }

    /** The launcher warns about (or is confused by) the caller's Java settings; ES_JAVA_HOME is what counts. */
    private static Map<String, String> withoutJavaEnv(Map<String, String> env) {
        java.util.HashMap<String, String> result = new java.util.HashMap<>(env);
        result.put("JAVA_HOME", "");
        result.put("JAVA_TOOL_OPTIONS", "");
        result.put("_JAVA_OPTIONS", "");
        return result;
    }

    private boolean healthy() {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + "/_cluster/health")).timeout(Duration.ofSeconds(5));
            if (username != null) {
                String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
                request.header("Authorization", "Basic " + token);
            }
            HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return response.statusCode() == 200 && (body.contains("\"status\":\"green\"") || body.contains("\"status\":\"yellow\""));
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
        }
    }

    private void prepareRunDir() {
        Path home = ElasticsearchDistribution.home();
        try {
            Path config = runDir.resolve("config");
            Files.createDirectories(config);
            try (Stream<Path> files = Files.walk(home.resolve("config"))) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path target = config.resolve(home.resolve("config").relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            Files.createDirectories(runDir.resolve("logs"));
            Files.createDirectories(runDir.resolve("tmp"));
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Elasticsearch run directory " + runDir, e);
        }
    }

    private void writeSettings() {
        String settings = String.join("\n",
            "cluster.name: alertstream-embedded",
            "node.name: embedded-" + httpPort,
            "discovery.type: single-node",
            "network.host: 127.0.0.1",
            "http.port: " + httpPort,
            "transport.port: " + transportPort,
            "path.data: " + dataDir,
            "path.logs: " + runDir.resolve("logs"),
            "xpack.security.enabled: " + (username != null),
            // Credentials without TLS: enough to test authentication; loopback only.
            "xpack.security.http.ssl.enabled: false",
            "xpack.security.transport.ssl.enabled: false",
            // Shared dev disks are often >90% full; the watermark would block writes for no reason here.
            "cluster.routing.allocation.disk.threshold_enabled: false",
            "");
        try {
            Files.writeString(runDir.resolve("config").resolve("elasticsearch.yml"), settings, StandardCharsets.UTF_8);
            if (username != null) {
                ElasticsearchFileRealm.writeSuperuser(runDir.resolve("config"), username, password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write elasticsearch.yml in " + runDir, e);
        }
        UnprivilegedUser.handOver(runDir);
        if (!dataDir.startsWith(runDir)) {
            UnprivilegedUser.handOver(dataDir);
        }
    }

    /** Options for {@link EmbeddedElasticsearch}. */
    public static final class Builder {
        private int heapMb = 512;
        private Path dataDir;
        private int httpPort;
        private String username;
        private String password;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** How long to wait for yellow/green health after launching; default 300 s (slow, shared CI machines). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Enable security with this superuser (file realm, HTTP basic auth, no TLS); default: security off. */
        public Builder basicAuth(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** JVM heap of the server; default 512 (256 works for small test indices). */
        public Builder heapMb(int heapMb) {
            this.heapMb = heapMb;
            return this;
        }

        /** Keep indices here (not deleted on close); default: inside a temporary run directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Fixed HTTP port; default: a free port (retried with a new one on a port race). */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public EmbeddedElasticsearch start() {
            return new EmbeddedElasticsearch(this).startWithRetries(httpPort != 0);
        }
    }
}
