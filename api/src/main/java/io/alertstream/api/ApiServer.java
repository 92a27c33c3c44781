package io.alertstream.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.api.http.DrainingHandler;
import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin with Jackson, every answer that is not a success a problem+json
 * ({@link Problem}), and the routes of each {@link Endpoints} group. Unexpected exceptions answer 500
 * with an id to find the stack trace in the log; the trace itself never goes to the client.
 *
 * <p>{@link #close()} is graceful: the server stops accepting, lets the requests it is answering finish
 * (bounded by {@link #drainTimeout}), answers 503 to any new request on an open connection, then stops.
 * Cutting an ingest request whose events were already written would make a client retry them: each
 * would then arrive twice.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /**
     * @param server what else to configure on the server before it starts (TLS connector, CORS, limits)
     */
    public static ApiServer start(ApiConfig config, ObjectMapper json, List<Endpoints> endpoints, Consumer<JavalinConfig> server) {
        Javalin app = Javalin.create(c -> {
            c.jsonMapper(new JavalinJackson(json, false));
            c.startup.showJavalinBanner = false;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            // Javalin puts its own handler inside a wrapper it finds on the server: the DrainingHandler then tracks every request.
            c.jetty.modifyServer(s -> {
                s.setHandler(new DrainingHandler());
                s.setStopTimeout(drainTimeout(config).toMillis());
            });
            server.accept(c);
            c.routes.exception(ProblemException.class, (e, ctx) -> answer(ctx, e.problem(), e));
            // Javalin's own answers (413 beyond maxRequestSize, 400 for a bad path parameter...) as problems too.
            c.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, Problem.of(e.getStatus(), "http-" + e.getStatus(),
                    HttpStatus.forStatus(e.getStatus()).getMessage(), e.getMessage()), null));
            c.routes.exception(Exception.class, (e, ctx) -> {
                String id = java.util.UUID.randomUUID().toString();
                LOG.error("Request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
                answer(ctx, Problem.of(500, "internal", "Internal error",
                        "The server failed to answer; the server log has error id " + id), null);
            });
            c.routes.error(404, ctx -> {
                // Only a path no route serves gets this answer; a handler's own 404 problem (its content type
                // carries a charset parameter) keeps its detail, and so does a console page saying what was not found.
                String type = ctx.res().getContentType();
                if (type == null || !(type.startsWith(Problem.CONTENT_TYPE) || type.startsWith("text/html"))) {
                    answer(ctx, Problem.of(404, "not-found", "Not found", "No resource at " + ctx.path()), null);
                }
            });
            endpoints.forEach(e -> e.addTo(c));
        });
        app.start();
        return new ApiServer(app);
    }

    /** How long {@link #close()} waits for requests in progress: the longest an ingest request waits for Kafka, and a margin. */
    static java.time.Duration drainTimeout(ApiConfig config) {
        return config.ingestTimeout().plusSeconds(5);
    }

    private static void answer(Context ctx, Problem problem, ProblemException e) {
        if (e != null) {
            e.headers().forEach(ctx::header);
        }
        ctx.status(problem.status()).contentType(Problem.CONTENT_TYPE).json(problem);
        ctx.contentType(Problem.CONTENT_TYPE);
    }

    /** Every HTTP route registered, as {@code METHOD path} (e.g. {@code GET /v1/tokens}). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    /** The port bound (the configured one, or the one picked for port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
