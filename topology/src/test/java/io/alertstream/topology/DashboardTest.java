package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import io.alertstream.connectors.metrics.NotificationMetrics;
import io.alertstream.topology.ops.OpsMetrics;
import io.micrometer.core.instrument.Tags;
import io.alertstream.topology.runtime.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard ({@code docker/grafana/alertstream-dashboard.json}) only queries metrics the
 * application exports: every metric name in a panel's PromQL is among the names of a real scrape, made
 * from alertstream's own metrics after traffic through the topology (TopologyTestDriver) and from a
 * Kafka Streams instance of the topology (created, not started: its client metrics exist from construction),
 * bound as {@code run} binds it; the connector panels' names ({@code alertstream_connector_*}) among those of a real
 * scrape of the connectors' registry after a task's worth of recording.
 */
class DashboardTest {
    static final Path DASHBOARD = Path.of("..", "docker", "grafana", "alertstream-dashboard.json");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "and", "or", "unless", "offset", "bool");

    @TempDir
    Path state;

    /** Every PromQL expression of the dashboard's panels. */
    static List<String> expressions(Path dashboard) throws Exception {
        JsonNode root = new ObjectMapper().readTree(Files.readString(dashboard));
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : root.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asText());
            }
        }
        return exprs;
    }

    /** The metric names a PromQL expression reads (not functions, keywords, labels, strings or durations). */
    static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")   // string literals
                .replaceAll("\\{[^}]*}", "")                          // label matchers
                .replaceAll("\\[[^]]*]", "")                          // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", ""); // label lists
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(s);
        while (m.find()) {
            if (m.group(2) == null && !PROMQL_WORDS.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    @Test
    void shouldReadMetricNamesOutOfPromql() {
        assertThat(metricNames("sum by (reason) (rate(alertstream_dead_lettered_total{application=~\"$application\",processor=\"parse\"}[1m]))"))
                .containsExactly("alertstream_dead_lettered_total");
        assertThat(metricNames("max by (task) (a_b{x=\"y\"}) / on (task) c_d offset 5m")).containsExactly("a_b", "c_d");
    }

    @Test
    void shouldQueryOnlyMetricsTheApplicationExports() throws Exception {
        Set<String> exported = new TreeSet<>(PrometheusExportTest.names(PrometheusExportTest.scrapeAfterTraffic()));
        exported.addAll(PrometheusExportTest.names(unstartedStreamsScrape()));
        Set<String> connectorExported = PrometheusExportTest.names(connectorScrape());

        Set<String> queried = new TreeSet<>();
        for (String expr : expressions(DASHBOARD)) {
            Set<String> names = metricNames(expr);
            assertThat(names).as("a metric in %s", expr).isNotEmpty();
            queried.addAll(names);
        }
        assertThat(queried).as("the dashboard's metrics").hasSizeGreaterThanOrEqualTo(10)
                .contains("alertstream_parsed_total", "alertstream_transitions_total", "alertstream_watermark_lag_seconds");
        Set<String> connectorQueried = new TreeSet<>(queried.stream().filter(n -> n.startsWith("alertstream_connector_")).toList());
        queried.removeAll(connectorQueried);
        assertThat(exported).as("names a real scrape shows").containsAll(queried);
        assertThat(connectorQueried).as("the dashboard's connector metrics").isNotEmpty();
        assertThat(connectorExported).as("names a real scrape of the connectors' registry shows").containsAll(connectorQueried);
    }

    /**
     * The Connect plugin's registry (what {@code /alertstream/metrics} serves) after one notification of each
     * outcome, recorded through the class the email and webhook tasks record with, and one document written.
     */
    private static String connectorScrape() {
        Tags tags = ConnectorMetrics.taskTags(Map.of("name", "dashboard-test"));
        NotificationMetrics notifications = new NotificationMetrics(tags, "webhook", () -> 0);
        try {
            long now = System.currentTimeMillis();
            notifications.delivered("ops", Instant.ofEpochMilli(now - 1_500).toString(), now);
            for (NotificationMetrics.Outcome outcome : NotificationMetrics.Outcome.values()) {
                notifications.record("ops", outcome);
            }
            ConnectorMetrics.counter(ConnectorMetrics.ELASTICSEARCH_DOCUMENTS, tags.and("outcome", "written"), "").increment();
            return ConnectorMetrics.scrape();
        } finally {
            notifications.close();
        }
    }

    private String unstartedStreamsScrape() {
        Properties p = AppConfig.defaults();
        p.put("bootstrap.servers", "127.0.0.1:1");
        p.put("state.dir", state.toString());
        KafkaStreams streams = new KafkaStreams(AlertTopology.build(AlertTopologyConfig.from(p)), p);
        try (OpsMetrics metrics = OpsMetrics.forStreams("dashboard-test", streams).addInputLag(() -> -1)) {
            return metrics.scrape();
        } finally {
            streams.close(Duration.ofSeconds(5));
        }
    }
}
