package io.alertstream.connectors.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * The one Prometheus registry of the connector plugin in a Connect worker: the tasks record into it, and
 * {@link ConnectorMetricsRestExtension} serves it at {@code GET /alertstream/metrics} of the worker's REST port.
 *
 * <p>Why a static holder: Connect creates tasks and REST extensions itself, with no way to hand them a shared
 * object. Both are loaded by the class loader of the plugin directory they come from (the same
 * {@code PluginClassLoader} for the whole plugin zip; the application class loader when on the class path), so
 * this class, and the registry, exist once per plugin per worker (PluginZipIT checks it).
 *
 * <p>Names are stable ({@code alertstream_connector_*}, listed in connectors/README.md, "Metrics"). Tags:
 * {@code connector} (the connector's name) and {@code task} (its task index) on every connector meter, plus
 * small, config-bounded sets (channel, receiver, outcome); never a notification id, a URL or a target id.
 * JVM metrics ({@code jvm_*}, {@code process_*}, {@code system_*}) describe the whole worker.
 */
public final class ConnectorMetrics {
    /** The Prometheus text format's content type. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Set by our connectors in each task's config: the task's index, for the {@code task} tag. */
    public static final String TASK_INDEX_CONFIG = "alertstream.task.index";

    public static final String NOTIFICATIONS = "alertstream.connector.notifications";
    public static final String NOTIFICATION_DELIVERY = "alertstream.connector.notification.delivery";
    public static final String NOTIFICATIONS_PENDING = "alertstream.connector.notifications.pending";
    public static final String ELASTICSEARCH_DOCUMENTS = "alertstream.connector.elasticsearch.documents";
    public static final String ELASTICSEARCH_RETRIES = "alertstream.connector.elasticsearch.bulk.retries";
    public static final String REDIS_COUNTERS = "alertstream.connector.redis.counters";
    public static final String REDIS_RETRIES = "alertstream.connector.redis.outage.retries";
    public static final String PROBE_CHECKS = "alertstream.connector.probe.checks";
    public static final String PROBE_SKIPPED_SLOTS = "alertstream.connector.probe.skipped.slots";

    private static final PrometheusMeterRegistry REGISTRY = create();

    private ConnectorMetrics() {
    }

    private static PrometheusMeterRegistry create() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry); // lives as long as the plugin's class loader: never closed
        return registry;
    }

    public static MeterRegistry registry() {
        return REGISTRY;
    }

    /** Every meter in the Prometheus text format. */
    public static String scrape() {
        return REGISTRY.scrape();
    }

    /**
     * The {@code connector} and {@code task} tags of a task, from its config: {@code name} (Connect puts the
     * connector's name there) and {@link #TASK_INDEX_CONFIG}.
     */
    public static Tags taskTags(Map<String, String> taskConfig) {
        String name = taskConfig.getOrDefault("name", "");
        String task = taskConfig.getOrDefault(TASK_INDEX_CONFIG, "0");
        return Tags.of("connector", name.isBlank() ? "unnamed" : name, "task", task);
    }

    /** A counter (created on first use, then the same one). */
    public static Counter counter(String name, Tags tags, String description) {
        return Counter.builder(name).tags(tags).description(description).register(REGISTRY);
    }
}
