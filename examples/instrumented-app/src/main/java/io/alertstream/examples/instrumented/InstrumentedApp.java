package io.alertstream.examples.instrumented;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.client.AlertstreamClient;
import io.alertstream.topology.embedded.Alertstream;
import io.alertstream.topology.embedded.RunningAlertstream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny HTTP service instrumented with {@link AlertstreamClient}: {@code GET /ok} answers 200,
 * {@code GET /fail} 500, and every request records one event
 * {@code {"service":"checkout-example","path":"/fail","status":500,"latency_ms":3,"timestamp":"<ISO now>"}}.
 * Recording never slows a request down: {@code send} only puts the event in the client's buffer.
 *
 * <p>In embedded mode it also runs the alertstream engine in this JVM ({@link Alertstream#builder()})
 * with the example's rules directory, so one process both produces and evaluates.
 */
public final class InstrumentedApp implements AutoCloseable {
    public static final String SERVICE = "checkout-example";
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentedApp.class);

    private final HttpServer server;
    private final ExecutorService workers;
    private final AlertstreamClient client;
    private final RunningAlertstream engine;

    private InstrumentedApp(HttpServer server, ExecutorService workers, AlertstreamClient client, RunningAlertstream engine) {
        this.server = server;
        this.workers = workers;
        this.client = client;
        this.engine = engine;
    }

    /** Starts the engine (embedded mode), the client and the HTTP server, as the arguments say. */
    public static InstrumentedApp start(List<String> args) throws Exception {
        AppOptions options = AppOptions.parse(args);
        RunningAlertstream engine = null;
        if (options.mode() == AppOptions.Mode.EMBEDDED) {
            Alertstream.Builder builder = Alertstream.builder()
                    .bootstrapServers(options.target())
                    .applicationId("instrumented-app-alertstream")
                    .rules(options.rules());
            if (options.stateDir() != null) {
                builder.stateDir(options.stateDir());
            }
            engine = builder.start();
        }
        AlertstreamClient client = switch (options.mode()) {
            case KAFKA -> AlertstreamClient.kafka(options.target(), options.topic()).keyField("service").build();
            case EMBEDDED -> AlertstreamClient.kafka(options.target(), "events").keyField("service").build();
            case HTTP -> AlertstreamClient.http(options.target(), options.token()).build();
        };
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", options.port()), 0);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        InstrumentedApp app = new InstrumentedApp(server, workers, client, engine);
        server.createContext("/ok", exchange -> app.handle(exchange, 200));
        server.createContext("/fail", exchange -> app.handle(exchange, 500));
        server.setExecutor(workers);
        server.start();
        LOG.info("instrumented-app listening on 127.0.0.1:{} ({} mode)", app.port(), options.mode());
        return app;
    }

    private void handle(HttpExchange exchange, int status) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            byte[] body = (status == 200 ? "ok\n" : "failed\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } finally {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("service", SERVICE);
            event.put("path", exchange.getRequestURI().getPath());
            event.put("status", status);
            event.put("latency_ms", (System.nanoTime() - started) / 1_000_000);
            event.put("timestamp", Instant.now().toString());
            client.send(event);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The client, for its counters. */
    public AlertstreamClient client() {
        return client;
    }

    /** Stops serving, delivers the buffered events (bounded), then stops the engine if embedded. */
    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        client.close();
        if (engine != null) {
            engine.close();
        }
    }

    /** Runs until Ctrl-C. */
    public static void main(String[] args) throws Exception {
        InstrumentedApp app;
        try {
            app = start(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.printf("instrumented-app listening on http://127.0.0.1:%d (try /ok and /fail)%n", app.port());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "instrumented-app-shutdown"));
        Thread.currentThread().join();
    }

    /** For tests: waits until the events recorded so far are delivered. */
    public boolean flush(Duration timeout) {
        return client.flush(timeout);
    }
}
