package io.alertstream.connectors.metrics;

import io.alertstream.connectors.common.ConnectorVersion;
import java.util.Map;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.rest.ConnectRestExtensionContext;

/**
 * Serves the connectors' Prometheus metrics from the Connect worker: registers
 * {@link ConnectorMetricsResource} ({@code GET /alertstream/metrics}). Enabled by the worker config
 * {@code rest.extension.classes=io.alertstream.connectors.metrics.ConnectorMetricsRestExtension}; found in the
 * plugin through {@code META-INF/services}, so it shares the plugin's class loader, hence its registry, with
 * the tasks.
 */
public class ConnectorMetricsRestExtension implements ConnectRestExtension {
    /** The path of the scrape on the worker's REST listener. */
    public static final String PATH = "/alertstream/metrics";

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure: the path is fixed
    }

    @Override
    public void register(ConnectRestExtensionContext restPluginContext) {
        restPluginContext.configurable().register(new ConnectorMetricsResource());
    }

    @Override
    public void close() {
    }

    @Override
    public String version() {
        return ConnectorVersion.get();
    }
}
