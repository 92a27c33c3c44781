package io.alertstream.topology.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small HTTP server of {@code alertstream run} (the JDK's), GET only:
 * <ul>
 *   <li>{@code /metrics}: Prometheus text ({@link OpsMetrics#scrape()});</li>
 *   <li>{@code /health/live} and {@code /health/ready}: 200 or 503 with a JSON body saying why ({@link StreamsHealth}).</li>
 * </ul>
 * No authentication: it binds {@code alertstream.http.host}, 127.0.0.1 unless configured, and serves
 * nothing but these read-only views.
 */
public final class OpsHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);
    private final HttpServer server;
    private final ExecutorService executor;

    private OpsHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts. With the default port taken, the next ones are tried (another instance on the host
     * has it); a configured port that is taken fails with a message naming the key.
     */
    public static OpsHttpServer start(OpsHttpConfig config, Supplier<String> metrics, StreamsHealth health) throws IOException {
        HttpServer server = bind(config);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "alertstream-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> answer(ex, 200, OpsMetrics.CONTENT_TYPE, metrics));
        server.createContext("/health/live", ex -> {
            StreamsHealth.Verdict v = health.live();
            answer(ex, v.httpStatus(), "application/json", v::json);
        });
        server.createContext("/health/ready", ex -> {
            StreamsHealth.Verdict v = health.ready();
            answer(ex, v.httpStatus(), "application/json", v::json);
        });
        server.start();
        return new OpsHttpServer(server, executor);
    }

    private static HttpServer bind(OpsHttpConfig config) throws IOException {
        int tries = config.portConfigured() || config.port() == 0 ? 1 : OpsHttpConfig.DEFAULT_PORT_TRIES;
        BindException last = null;
        for (int i = 0; i < tries; i++) {
            try {
                return HttpServer.create(new InetSocketAddress(config.host(), config.port() + i), 0);
            } catch (BindException e) {
                last = e;
            }
        }
        String ports = tries == 1 ? "port " + config.port() : "ports " + config.port() + "-" + (config.port() + tries - 1);
        throw new IOException("cannot serve metrics on " + config.host() + " " + ports + " (" + last.getMessage() + "); set "
                + OpsHttpConfig.PORT_CONFIG + " (or --http-port) to a free port, 0 for any, or off", last);
    }

    private static void answer(HttpExchange ex, int status, String contentType, Supplier<String> body) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(ex.getHttpContext().getPath())) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes;
            int code = status;
            String type = contentType;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                LOG.warn("{} failed", ex.getRequestURI(), e);
                bytes = ("failed: " + e.getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8);
                code = 500;
                type = "text/plain; charset=utf-8";
            }
            ex.getResponseHeaders().set("Content-Type", type);
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(code, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:9464}. */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        String host = a.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
