package io.alertstream.connectors.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.connectors.common.RecordingSinkTaskContext;
import io.alertstream.connectors.elasticsearch.ElasticsearchSinkTask;
import io.alertstream.connectors.probe.ProbeScheduler;
import io.alertstream.connectors.redis.RedisSinkTask;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.connect.sink.SinkTask;
import org.junit.jupiter.api.Test;

/**
 * Every {@code alertstream_connector_*} name of a real scrape is documented in README (Operations, Metrics and
 * health) and connectors/README.md. The scrape comes after the tasks registered their meters as in a worker (the
 * Elasticsearch and Redis tasks started against closed ports, a probe scheduler made from a config) and after a
 * notification of each outcome through {@link NotificationMetrics}.
 */
class ConnectorMetricsDocsTest {
    @Test
    void everyConnectorMetricShouldBeDocumentedInBothReadmes() throws Exception {
        Map<String, String> name = Map.of("name", "docs-test");
        start(new ElasticsearchSinkTask(), Map.of("name", "docs-test", "connection.urls", "http://127.0.0.1:9",
                "max.retries", "0"));
        start(new RedisSinkTask(), Map.of("name", "docs-test", "redis.port", "9"));
        ProbeScheduler.http(Map.of("name", "docs-test", "targets.bootstrap.servers", "127.0.0.1:9")).close();
        NotificationMetrics notifications = new NotificationMetrics(ConnectorMetrics.taskTags(name), "email", () -> 0);
        long now = System.currentTimeMillis();
        notifications.delivered("ops", java.time.Instant.ofEpochMilli(now - 1_000).toString(), now);
        for (NotificationMetrics.Outcome outcome : NotificationMetrics.Outcome.values()) {
            notifications.record("ops", outcome);
        }

        Set<String> exported = PrometheusText.samples(ConnectorMetrics.scrape()).stream()
                .map(PrometheusText.Sample::name).filter(n -> n.startsWith("alertstream_connector_"))
                .map(n -> n.replaceAll("_(bucket|count|sum|max)$", "")).collect(Collectors.toCollection(TreeSet::new));
        notifications.close();
        assertThat(exported).as("connector metric families").hasSize(9);

        String readme = Files.readString(Path.of("../README.md"));
        String section = readme.substring(readme.indexOf("### Metrics and health"), readme.indexOf("### Exactly-once"));
        String connectorsReadme = Files.readString(Path.of("README.md"));
        assertThat(exported).allSatisfy(n -> {
            assertThat(section).as("README, Operations, Metrics and health").contains("`" + n);
            assertThat(connectorsReadme).as("connectors/README.md").contains("`" + n);
        });
    }

    private static void start(SinkTask task, Map<String, String> props) {
        task.initialize(new RecordingSinkTaskContext(true));
        task.start(props);
        task.stop();
    }
}
