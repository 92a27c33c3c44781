package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.PrometheusScrape;
import io.alertstream.topology.ops.OpsMetrics;
import io.alertstream.topology.testing.AlertHarness;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What a Prometheus scrape shows of alertstream's own metrics after real traffic through the topology
 * (TopologyTestDriver): the stable {@code alertstream_*} names, their tags, and the numbers the traffic
 * made. {@link #scrapeAfterTraffic()} also gives the dashboard test the names the application really exports.
 */
class PrometheusExportTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String RULE = """
            rules:
              - id: checkout-5xx
                summary: "{{group.service}} has {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 3}
                  critical: {above: 6}
            """;

    /**
     * Five 5xx events (warning, then nothing more), two malformed records, one non-object, one event a
     * minute later that closes the window and one far later, after which the window resolves.
     */
    static String scrapeAfterTraffic() {
        try (AlertHarness harness = new AlertHarness(AlertTopologyConfig.defaults(), T0);
             OpsMetrics metrics = OpsMetrics.create("export-test")) {
            harness.publish(Rules.of(RULE));
            harness.publishRaw("broken", "{\"id\": \"broken\"");
            harness.deleteRule("no-such-rule");
            for (int i = 0; i < 5; i++) {
                harness.send(T0.plusSeconds(10 + i), Map.of("service", "checkout", "status", 503));
            }
            harness.sendRaw(T0.plusSeconds(20), "{not json".getBytes(StandardCharsets.UTF_8));
            harness.sendRaw(T0.plusSeconds(21), "{\"a\":".getBytes(StandardCharsets.UTF_8));
            harness.sendRaw(T0.plusSeconds(22), "[1,2]".getBytes(StandardCharsets.UTF_8));
            harness.send(T0.plusSeconds(130), Map.of("service", "other", "status", 200));
            harness.send(T0.plusSeconds(10), Map.of("service", "checkout", "status", 500)); // late: its window closed
            harness.send(T0.plusSeconds(200), Map.of("service", "other", "status", 200));
            metrics.addAlertMetrics(harness.driver()::metrics);
            return metrics.scrape();
        }
    }

    /** The metric names of a scrape (families, as {@code # TYPE} lines give them, plus sample names). */
    static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{| )").matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void shouldPublishWhatTheTrafficDidUnderStableNames() {
        String scrape = scrapeAfterTraffic();

        assertThat(PrometheusScrape.sum(scrape, "alertstream_parsed_total", "processor=\"parse\"")).isEqualTo(8.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_dead_lettered_total", "processor=\"parse\"", "reason=\"malformed-json\"")).isEqualTo(2.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_dead_lettered_total", "processor=\"parse\"", "reason=\"not-an-object\"")).isEqualTo(1.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_dead_lettered_total", "processor=\"parse\"")).isEqualTo(3.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_dropped_late_total", "processor=\"evaluate\"")).isEqualTo(1.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_transitions_total", "rule=\"checkout-5xx\"", "level=\"warning\"", "status=\"FIRING\"")).isEqualTo(1.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_transitions_total", "rule=\"checkout-5xx\"", "level=\"warning\"", "status=\"RESOLVED\"")).isEqualTo(1.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_transitions_total")).isEqualTo(2.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_rule_updates_total", "processor=\"rules-store\"", "result=\"applied\"")).isEqualTo(1.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_rule_updates_total", "result=\"rejected\"")).isEqualTo(1.0);
        assertThat(PrometheusScrape.sum(scrape, "alertstream_rule_updates_total", "result=\"deleted\"")).isEqualTo(1.0);
        assertThat(scrape).containsPattern("(?m)^alertstream_watermark_lag_seconds\\{application=\"export-test\",processor=\"evaluate\",task=\"[0-9_]+\"} ");
        assertThat(scrape).as("one name per metric: not also under Kafka's generic names").doesNotContain("kafka_alertstream");
        assertThat(names(scrape)).contains("alertstream_notify_sent_total", "alertstream_digest_sent_total",
                "alertstream_handler_skipped_total", "jvm_memory_used_bytes");
    }

    @Test
    void shouldDocumentEveryAlertstreamMetricInTheReadme() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("### Metrics and health"), readme.indexOf("### Exactly-once"));
        Set<String> exported = names(scrapeAfterTraffic());
        exported.removeIf(n -> !n.startsWith("alertstream_"));
        assertThat(exported).hasSizeGreaterThan(15);
        assertThat(exported).allSatisfy(name -> assertThat(section).as("README, Operations, Metrics and health").contains("`" + name + "`"));
    }
}
