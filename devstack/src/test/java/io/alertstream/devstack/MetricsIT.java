package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.testkit.PrometheusScrape;
import java.io.IOException;
import java.io.Writer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alertstream run} in its own JVM against a real broker, started on a backlog: while it catches up,
 * {@code /health/ready} answers 503 and says so, then 200; {@code /health/live} is 200 throughout; and
 * {@code /metrics} shows exactly what the traffic did (events parsed, dead letters by reason, the rule's
 * FIRING and RESOLVED transitions) under the documented names, with Kafka Streams' and the JVM's metrics beside them
 * and every metric the Grafana dashboard queries.
 */
class MetricsIT {
    private static final String RULES = """
            rules:
              - id: metrics-it
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 2}
            """;
    private static final int BACKLOG = 30_000;
    private static final int MALFORMED = 4;
    private static final int NOT_OBJECTS = 2;

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Answer(int status, String body) {
    }

    @Test
    void shouldBeReadyOnlyAfterCatchingUpAndCountWhatTheTrafficDid() throws Exception {
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.health.ready.max.lag", "0"));
        fx.createTopics(2);
        fx.publishRules(RULES);
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
        String events = fx.config().inputTopics().get(0);
        try (EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            for (int i = 0; i < BACKLOG; i++) {
                sender.send(events, null, t0 + i, null, event(t0 + i, "web", 200));
            }
            for (int i = 0; i < 3; i++) {
                sender.send(events, 0, t0 + 1_000 + i, null, event(t0 + 1_000 + i, "checkout", 503));
            }
            for (int i = 0; i < MALFORMED; i++) {
                sender.send(events, null, t0 + 2_000, null, "{not json " + i);
            }
            for (int i = 0; i < NOT_OBJECTS; i++) {
                sender.send(events, null, t0 + 2_000, null, "[" + i + "]");
            }
            // Moves the watermark past the first minute on both partitions.
            for (int p = 0; p < 2; p++) {
                sender.send(events, p, t0 + 150_000, null, event(t0 + 150_000, "web", 200));
            }
            sender.flush();
        }
        int parsed = BACKLOG + 3 + 2;

        Path config = tmp.resolve("run.properties");
        try (Writer w = Files.newBufferedWriter(config)) {
            fx.base.store(w, "MetricsIT");
        }
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        try (ChildJvm run = ChildJvm.start("run", ChildJvm.logDir(MetricsIT.class), List.of("run", "--config", config.toString(),
                "--bootstrap-servers", KAFKA.bootstrapServers(), "--state-dir", tmp.resolve("state").toString(),
                "--http-port", Integer.toString(port)), Map.of(), Files.createDirectories(tmp.resolve("cwd")))) {
            // Polls readiness from the start: 503 answers until the backlog is committed, then 200.
            List<String> notReady = new ArrayList<>();
            boolean sawLive = false;
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            Answer ready = null;
            while (System.nanoTime() < deadline) {
                ready = get(base + "/health/ready");
                if (ready != null && ready.status() == 200) {
                    break;
                }
                if (ready != null) {
                    assertThat(ready.status()).as(ready.body()).isEqualTo(503);
                    notReady.add(ready.body());
                    Answer live = get(base + "/health/live");
                    assertThat(live.status()).as("live while starting and catching up: %s", live.body()).isEqualTo(200);
                    sawLive = true;
                }
                assertThat(run.isAlive()).as(run.tail(60)).isTrue();
                Thread.sleep(20);
            }
            assertThat(ready).as(run.tail(60)).isNotNull();
            assertThat(ready.status()).as("ready after catching up; last answers %s\n%s", notReady, run.tail(40)).isEqualTo(200);
            JsonNode readyBody = new ObjectMapper().readTree(ready.body());
            assertThat(readyBody.get("status").asText()).isEqualTo("READY");
            assertThat(readyBody.get("inputLag").asLong()).isZero();
            assertThat(sawLive).isTrue();
            assertThat(notReady).as("503 while catching up the backlog")
                    .anySatisfy(b -> assertThat(b).contains("\"status\":\"NOT_READY\"", "\"state\":\"RUNNING\"", "catching up: ", "input records behind"));

            String line = run.awaitLine(Pattern.compile("alertstream running: "), Duration.ofSeconds(30));
            assertThat(line).contains("metrics=" + base + "/metrics");

            // Input committed; the FIRING transition comes after the internal fan-out topic: wait for it.
            String scrape = awaitScrape(base, s -> PrometheusScrape.sum(s, "alertstream_transitions_total") >= 2, Duration.ofSeconds(30));
            assertThat(PrometheusScrape.sum(scrape, "alertstream_parsed_total", "processor=\"parse\"")).isEqualTo(parsed);
            assertThat(PrometheusScrape.sum(scrape, "alertstream_dead_lettered_total", "processor=\"parse\"", "reason=\"malformed-json\"")).isEqualTo(MALFORMED);
            assertThat(PrometheusScrape.sum(scrape, "alertstream_dead_lettered_total", "processor=\"parse\"", "reason=\"not-an-object\"")).isEqualTo(NOT_OBJECTS);
            assertThat(PrometheusScrape.sum(scrape, "alertstream_dead_lettered_total")).isEqualTo(MALFORMED + NOT_OBJECTS);
            assertThat(PrometheusScrape.sum(scrape, "alertstream_transitions_total", "rule=\"metrics-it\"", "level=\"warning\"", "status=\"FIRING\"")).isEqualTo(1);
            // The event at 2m30s closes [1m,2m) too, empty: the alert resolves, counted with the level it left.
            assertThat(PrometheusScrape.sum(scrape, "alertstream_transitions_total", "rule=\"metrics-it\"", "level=\"warning\"", "status=\"RESOLVED\"")).isEqualTo(1);
            assertThat(PrometheusScrape.sum(scrape, "alertstream_transitions_total")).isEqualTo(2);
            assertThat(PrometheusScrape.sum(scrape, "alertstream_handler_skipped_total")).isZero();
            assertThat(PrometheusScrape.sum(scrape, "alertstream_rule_updates_total", "processor=\"rules-store\"", "result=\"applied\"")).isEqualTo(1);
            assertThat(scrape).contains("application=\"" + fx.base.getProperty("application.id") + "\"")
                    .containsPattern("(?m)^alertstream_watermark_lag_seconds\\{")
                    .containsPattern("(?m)^alertstream_input_lag_records\\{application=\"[^\"]+\"} 0\\.0$")
                    .containsPattern("(?m)^kafka_stream_thread_process_rate\\{")
                    .containsPattern("(?m)^jvm_memory_used_bytes\\{")
                    .doesNotContain("kafka_alertstream_");

            Set<String> exported = names(scrape);
            assertThat(exported).as("what the Grafana dashboard queries").containsAll(dashboardMetricNames());
        }
    }

    private String awaitScrape(String base, java.util.function.Predicate<String> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String scrape;
        do {
            Answer a = get(base + "/metrics");
            assertThat(a).isNotNull();
            assertThat(a.status()).isEqualTo(200);
            scrape = a.body();
            if (done.test(scrape)) {
                return scrape;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return scrape;
    }

    /** The answer, or null while nothing listens yet. */
    private Answer get(String url) throws Exception {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (ConnectException e) {
            return null;
        }
    }

    private static String event(long time, String service, int status) {
        return "{\"timestamp\":" + time + ",\"service\":\"" + service + "\",\"status\":" + status + "}";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static Set<String> names(String scrape) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{| )").matcher(scrape);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Metric names in the dashboard's PromQL: identifiers not followed by "(", outside label matchers, ranges and label lists. */
    private static Set<String> dashboardMetricNames() throws IOException {
        Path dashboard = Path.of(System.getProperty("basedir", "."), "..", "docker", "grafana", "alertstream-dashboard.json");
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(Files.readString(dashboard)).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                String s = target.path("expr").asText().replaceAll("\\{[^}]*}", "").replaceAll("\\[[^]]*]", "")
                        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", "");
                Matcher m = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(\\s*\\()?").matcher(s);
                while (m.find()) {
                    if (m.group(2) == null) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        assertThat(names).hasSizeGreaterThanOrEqualTo(10);
        // The connector panels query the Connect worker's /alertstream/metrics, not run's: DashboardTest checks
        // them against the connectors' registry, ConnectorMetricsIT and DevCommandIT against a real worker.
        names.removeIf(n -> n.startsWith("alertstream_connector_"));
        return names;
    }
}
