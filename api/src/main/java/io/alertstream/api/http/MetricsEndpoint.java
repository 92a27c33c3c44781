package io.alertstream.api.http;

import io.alertstream.topology.ops.OpsMetrics;
import io.javalin.config.JavalinConfig;

/**
 * {@code GET /metrics}, without authentication: the API process's Prometheus metrics (its Kafka Streams
 * application, the JVM). It is served on the API's own address ({@code alertstream.api.host}, 127.0.0.1
 * unless configured), like every route: expose that address only where Prometheus may read it. The counts
 * it shows are about the process, never about a user's data.
 */
public final class MetricsEndpoint implements Endpoints {
    public static final String PATH = "/metrics";
    private final OpsMetrics metrics;

    public MetricsEndpoint(OpsMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get(PATH, ctx -> ctx.contentType(OpsMetrics.CONTENT_TYPE).result(metrics.scrape()));
    }
}
