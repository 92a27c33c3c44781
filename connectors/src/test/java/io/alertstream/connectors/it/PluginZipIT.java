package io.alertstream.connectors.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkTask;
import io.alertstream.connectors.redis.RedisSinkConnector;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.alertstream.connectors.metrics.ConnectorMetricsResource;
import io.alertstream.connectors.metrics.ConnectorMetricsRestExtension;
import io.alertstream.connectors.redis.RedisSinkTask;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.isolation.ClassLoaderFactory;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.rest.ConnectRestExtension;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin zip, loaded the way a worker loads it from {@code plugin.path} with
 * {@code plugin.discovery=service_load}: isolated in its own class loader, with only the libraries the
 * zip brings (Kafka's own jars come from the worker). {@code Plugins} is Connect's internal API; its
 * package-private constructor lets the test give it a worker-like class path.
 */
class PluginZipIT {
    @TempDir
    Path pluginPath;

    @Test
    void workerShouldFindBothConnectorsInTheZipAndRunTheirTasksIsolated() throws Exception {
        List<String> entries = unzip(pluginZip(), pluginPath);
        assertThat(entries).anyMatch(e -> e.endsWith("/lib/elasticsearch-java-8.19.8.jar"))
                .anyMatch(e -> e.endsWith("/lib/jedis-8.0.2.jar"))
                .anyMatch(e -> e.endsWith("/lib/micrometer-core-1.17.2.jar"))
                .anyMatch(e -> e.endsWith("/lib/micrometer-registry-prometheus-1.17.2.jar"))
                .as("the shared template engine rides in the plugin").anyMatch(e -> e.contains("/lib/alertstream-template-"))
                .noneMatch(e -> e.contains("/lib/kafka-clients") || e.contains("/lib/connect-api"))
                .as("JAX-RS comes from the worker (Connect does not isolate it)").noneMatch(e -> e.contains("/lib/jakarta.ws.rs"));

        Plugins plugins = workerPlugins(Map.of("plugin.path", pluginPath.toString(), "plugin.discovery", "service_load"));
        ClassLoader esLoader = isolatedLoader(plugins, ElasticsearchSinkConnector.class.getName());
        ClassLoader redisLoader = isolatedLoader(plugins, RedisSinkConnector.class.getName());

        Config validated = connector(esLoader, ElasticsearchSinkConnector.class.getName())
                .validate(Map.of("connection.urls", "http://127.0.0.1:9200", "errors.tolerance", "all"));
        assertThat(validated.configValues()).allMatch(v -> v.errorMessages().isEmpty(), "no config errors");
        Config invalid = connector(redisLoader, RedisSinkConnector.class.getName())
                .validate(Map.of("behavior.on.malformed.records", "explode"));
        assertThat(invalid.configValues()).map(ConfigValue::errorMessages).anyMatch(m -> !m.isEmpty());

        // Starting the tasks builds the Elasticsearch and Redis clients: proves their libraries are in the zip.
        startAndStop(esLoader, ElasticsearchSinkTask.class.getName(), Map.of("connection.urls", "http://127.0.0.1:9"));
        startAndStop(redisLoader, RedisSinkTask.class.getName(), Map.of("redis.port", "9"));
    }

    /**
     * The metrics REST extension, created from the zip as the worker creates {@code rest.extension.classes}, lives in
     * the same PluginClassLoader as the connectors: a task started from the zip records into the registry the
     * extension's resource serves, and not into the test class path's copy of ConnectorMetrics.
     */
    @Test
    void theMetricsRestExtensionShouldShareThePluginLoaderAndRegistryWithTheTasks() throws Exception {
        unzip(pluginZip(), pluginPath);
        Plugins plugins = workerPlugins(Map.of("plugin.path", pluginPath.toString(), "plugin.discovery", "service_load"));
        ClassLoader webhookLoader = isolatedLoader(plugins, "io.alertstream.connectors.webhook.WebhookSinkConnector");
        List<ConnectRestExtension> extensions = plugins.newPlugins(List.of(ConnectorMetricsRestExtension.class.getName()),
                new AbstractConfig(new ConfigDef(), Map.of()), ConnectRestExtension.class);
        assertThat(extensions).hasSize(1);
        ClassLoader extensionLoader = extensions.get(0).getClass().getClassLoader();
        assertThat(extensionLoader).isInstanceOf(PluginClassLoader.class).isSameAs(webhookLoader);

        String connector = "zip-metrics-" + System.nanoTime();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(webhookLoader);
        try {
            SinkTask task = (SinkTask) Class.forName("io.alertstream.connectors.webhook.WebhookSinkTask", true, webhookLoader)
                    .getDeclaredConstructor().newInstance();
            task.initialize(new RecordingSinkTaskContext(true));
            task.start(Map.of("name", connector, "webhook.allowed.url.prefixes", "https://hooks.example.com/"));
            Map<String, Object> outside = new java.util.HashMap<>(Map.of("id", "n-1", "channel", "webhook",
                    "receiver", "ops", "webhook", Map.of("url", "http://169.254.169.254/latest")));
            task.put(List.of(new SinkRecord("notifications", 0, null, "n-1", null, outside, 0)));
            task.stop();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }

        Object resource = Class.forName(ConnectorMetricsResource.class.getName(), true, extensionLoader)
                .getDeclaredConstructor().newInstance();
        String served = (String) resource.getClass().getMethod("metrics").invoke(resource);
        String sample = "alertstream_connector_notifications_total{channel=\"webhook\",connector=\"" + connector
                + "\",outcome=\"rejected\",receiver=\"ops\",task=\"0\"} 1.0";
        assertThat(served).contains(sample).contains("jvm_memory_used_bytes");
        assertThat(ConnectorMetrics.scrape()).as("the test class path's copy is another registry").doesNotContain(connector);
    }

    /**
     * Plugins as a worker sees them: its class path holds Kafka and Connect (and Jackson, which Connect
     * uses) but neither these connectors nor their client libraries, so a jar missing from the zip fails.
     */
    private static Plugins workerPlugins(Map<String, String> workerConfig) throws Exception {
        ClassLoader workerClassPath = new WorkerClassPath(PluginZipIT.class.getClassLoader());
        Constructor<Plugins> constructor =
                Plugins.class.getDeclaredConstructor(Map.class, ClassLoader.class, ClassLoaderFactory.class);
        constructor.setAccessible(true);
        return constructor.newInstance(workerConfig, workerClassPath, new ClassLoaderFactory());
    }

    /** The test class path minus what only the plugin zip may provide. */
    private static final class WorkerClassPath extends ClassLoader {
        private static final List<String> PLUGIN_ONLY = List.of("io.alertstream.connectors.", "redis.clients.",
                "co.elastic.", "org.elasticsearch.", "org.apache.http.", "jakarta.json.", "org.eclipse.parsson.",
                "io.micrometer.", "io.prometheus.", "org.HdrHistogram.", "org.LatencyUtils.");

        WorkerClassPath(ClassLoader testClassPath) {
            super(testClassPath);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (PLUGIN_ONLY.stream().anyMatch(name::startsWith)) {
                throw new ClassNotFoundException(name + " is not on a worker's class path");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public URL getResource(String name) {
            URL url = super.getResource(name);
            return url == null || fromThisModule(url) ? null : url;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> urls = Collections.list(super.getResources(name));
            urls.removeIf(WorkerClassPath::fromThisModule);
            return Collections.enumeration(urls);
        }

        private static boolean fromThisModule(URL url) {
            String path = url.toString();
            // Failsafe puts the module's jar (not target/classes) on the class path.
            return path.contains("/connectors/target/classes") || path.contains("/connectors/target/alertstream-connectors-")
                    || path.contains("/jedis-") || path.contains("/elasticsearch-java-") || path.contains("/micrometer-")
                    || path.contains("/prometheus-metrics-");
        }
    }

    private static ClassLoader isolatedLoader(Plugins plugins, String connectorClass) {
        PluginDesc<SinkConnector> desc = plugins.sinkConnectors().stream()
                .filter(d -> d.className().equals(connectorClass) && d.loader() instanceof PluginClassLoader)
                .findFirst().orElseThrow(() -> new AssertionError(connectorClass + " not found in the plugin path: "
                        + plugins.sinkConnectors()));
        return desc.loader();
    }

    private static SinkConnector connector(ClassLoader loader, String className) throws Exception {
        Class<?> type = Class.forName(className, true, loader);
        assertThat(type.getClassLoader()).isInstanceOf(PluginClassLoader.class);
        return (SinkConnector) type.getDeclaredConstructor().newInstance();
    }

    private static void startAndStop(ClassLoader loader, String taskClass, Map<String, String> props) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class<?> type = Class.forName(taskClass, true, loader);
            assertThat(type.getClassLoader()).isInstanceOf(PluginClassLoader.class);
            SinkTask task = (SinkTask) type.getDeclaredConstructor().newInstance();
            task.initialize(new RecordingSinkTaskContext(true));
            task.start(props);
            task.stop();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Path pluginZip() throws IOException {
        try (DirectoryStream<Path> zips = Files.newDirectoryStream(Path.of("target"), "alertstream-connectors-*-plugin.zip")) {
            for (Path zip : zips) {
                return zip;
            }
        }
        throw new AssertionError("No plugin zip in target/: run the package phase first");
    }

    private static List<String> unzip(Path zip, Path target) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add("/" + entry.getName());
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("Zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    copy(in, out);
                }
            }
        }
        return names;
    }

    private static void copy(InputStream in, Path out) throws IOException {
        Files.write(out, in.readAllBytes());
    }
}
