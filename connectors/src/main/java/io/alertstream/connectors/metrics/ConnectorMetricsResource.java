package io.alertstream.connectors.metrics;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * {@code GET /alertstream/metrics} on the Connect worker's REST listener: the Prometheus text of
 * {@link ConnectorMetrics} (the connector meters and the worker's JVM). Read only; it is as open as the rest of
 * the worker's REST API (bind it to a private network, or secure the worker's REST API).
 */
@Path("/alertstream")
public class ConnectorMetricsResource {
    @GET
    @Path("/metrics")
    @Produces(ConnectorMetrics.CONTENT_TYPE)
    public String metrics() {
        return ConnectorMetrics.scrape();
    }
}
