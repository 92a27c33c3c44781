package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.ApiApp;
import io.alertstream.api.ApiConfig;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uptime monitoring end to end (issue #17), every piece real: a target in {@code targets.yaml} published by the
 * {@link RulePublisher}, the probe source connector on a Connect worker checking a local HTTP server that fails
 * its first checks then recovers, the engine reading {@code events,probes} with the shipped
 * {@code rules/uptime.yaml}, the {@code uptime-failures} alert read from {@code alerts} with read_committed, and
 * {@code alertstream api}: the target's owner sees its stats count exactly the checks the server saw, and its alerts.
 *
 * <p>One change to the shipped rules: the failures rule's window is 1m advancing by 10s instead of 5m by 30s,
 * so that the window empties of failures (and the alert resolves) within about 1.5 minutes of recovery instead
 * of 5.5. Everything else (filter, threshold read from the events, owners from the group) is the shipped text.
 */
class UptimeEndToEndIT {
    private static final Logger LOG = LoggerFactory.getLogger(UptimeEndToEndIT.class);
    private static final String SHIPPED_WINDOW = "    window: {size: 5m, advance: 30s, grace: 10s}\n    aggregate: count\n";
    private static final String SHORT_WINDOW = "    window: {size: 1m, advance: 10s, grace: 5s}\n    aggregate: count\n";
    /** Six failed checks, 5 s apart: more than the threshold of 3 within any one-minute window holding them. */
    private static final int FAILURES = 6;

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    Path tmp;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void shouldFireWhileTheTargetFailsResolveAfterItRecoversAndPublishOneResultPerCheck() throws Exception {
        // Given: the server, the engine reading this test's own events and probes topics, the rules and the target.
        FailingThenHealthyServer server = new FailingThenHealthyServer(FAILURES);
        running.add(server);
        String suffix = "uptime-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String probes = "probes-" + suffix;
        String targets = "targets-" + suffix;
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of(
                "alertstream.topic.events", "events-" + suffix + "," + probes,
                "alertstream.topic.probes", probes,
                "alertstream.topic.targets", targets));
        fx.createTopics(2);
        AlertTopologyConfig config = fx.config();
        assertThat(config.inputTopics()).containsExactly("events-" + suffix, probes);
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        String shipped = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("../rules/uptime.yaml").normalize());
        assertThat(shipped).as("the shipped failures rule's window, which this test shortens").contains(SHIPPED_WINDOW);
        Files.writeString(rules.resolve("uptime.yaml"), shipped.replaceFirst(java.util.regex.Pattern.quote(SHIPPED_WINDOW), SHORT_WINDOW));
        String url = server.url("/health");
        Files.writeString(rules.resolve("targets.yaml"), """
                owner: uptime-it
                targets:
                  - id: shop
                    url: %s
                    interval: 5s
                    threshold: 3
                """.formatted(url));
        RulesDirectory dir = RulesDirectory.load(rules);
        assertThat(dir.problems()).isEmpty();
        try (RulePublisher publisher = RulePublisher.forConfig(fx.base, config)) {
            publisher.apply(dir);
        }
        running.add(fx.startInstance("a"));
        ApiApp api = ApiApp.start(apiProperties(fx, suffix), Duration.ofSeconds(60));
        running.add(api);
        EmbeddedConnect connect = EmbeddedConnect.builder().bootstrapServers(KAFKA.bootstrapServers()).start();
        running.add(connect);
        String connector = "probes-" + suffix;
        connect.putConnector(connector, probeConnector(targets, probes));
        connect.awaitConnectorRunning(connector, 1, Duration.ofMinutes(2));
        long started = System.nanoTime();

        try (AlertsReader alerts = fx.alerts()) {
            // When the target fails more than 3 times within the window: the alert fires, for its owner.
            alerts.readUntil(a -> find(a, "FIRING") != null, Duration.ofSeconds(90));
            Map<String, Object> firing = find(alerts.alerts, "FIRING");
            assertThat(firing).as("FIRING uptime-failures within 90 s; alerts: %s", alerts.alerts).isNotNull();
            LOG.info("FIRING after {} s, {} requests: {}", seconds(started), server.requests(), firing);
            assertThat(firing).containsEntry("level", "critical")
                    .containsEntry("group", Map.of("target", "shop", "owner", "uptime-it", "url", url))
                    .containsEntry("owners", List.of("uptime-it"));
            assertThat(((Number) firing.get("value")).intValue()).isBetween(4, FAILURES);
            assertThat(((Number) firing.get("threshold")).intValue()).isEqualTo(3);

            // Then, once it answers 200 again and the failures leave the window: the alert resolves.
            alerts.readUntil(a -> find(a, "RESOLVED") != null, Duration.ofSeconds(150));
            Map<String, Object> resolved = find(alerts.alerts, "RESOLVED");
            assertThat(resolved).as("RESOLVED uptime-failures within 150 s of firing; alerts: %s", alerts.alerts).isNotNull();
            LOG.info("RESOLVED after {} s, {} requests: {}", seconds(started), server.requests(), resolved);
            assertThat(server.requests()).as("checks made before the alert resolved").isGreaterThan(FAILURES);
            assertThat(alerts.alerts).as("one FIRING then one RESOLVED, nothing else")
                    .extracting(a -> a.get("status")).containsExactly("FIRING", "RESOLVED");
        }

        // And every check the server saw has its result on the probes topic (one may be in flight).
        connect.deleteConnector(connector);
        // Deleting returns before the task has stopped: give its last check (a local answer, milliseconds) time to land,
        // so the server's count is final when read. The comparison below allows one check in flight anyway.
        Thread.sleep(2_000);
        int requests = server.requests();
        List<Map<String, Object>> results = readProbes(probes, requests);
        LOG.info("{} requests, {} probe results", requests, results.size());
        assertThat(results.size()).as("probe results against %d requests", requests).isBetween(requests - 1, requests + 1);
        assertThat(results).extracting(r -> r.get("ok")).startsWith(false, false, false, false, false, false).contains(true);
        assertThat(results.get(0)).containsEntry("kind", "probe").containsEntry("target", "shop").containsEntry("status", 503)
                .containsEntry("threshold", 3).containsEntry("owner", "uptime-it");

        // And the API: the owner's stats count every result, failures as failures; its alerts are the two transitions.
        ApiCalls calls = new ApiCalls(api.url());
        calls.post("/v1/signup", null, "{\"user\":\"uptime-it\",\"email\":\"uptime-it@example.com\",\"password\":\"correct horse battery\"}", 201);
        String jwt = calls.post("/v1/login", null, "{\"user\":\"uptime-it\",\"password\":\"correct horse battery\"}", 200)
                .get("token").asText();
        long failed = results.stream().filter(r -> Boolean.FALSE.equals(r.get("ok"))).count();
        com.fasterxml.jackson.databind.JsonNode stats = calls.awaitGet("/v1/targets/shop/stats?window=24h", jwt,
                st -> st.get("checks").asInt() == results.size(), Duration.ofSeconds(30));
        assertThat(stats.get("failures").asLong()).as("failed checks in the stats").isEqualTo(failed);
        assertThat(stats.get("successes").asLong()).isEqualTo(results.size() - failed);
        com.fasterxml.jackson.databind.JsonNode targetAlerts = calls.awaitGet("/v1/targets/shop/alerts", jwt,
                a -> a.get("transitions").size() == 2, Duration.ofSeconds(30));
        assertThat(targetAlerts.get("transitions").get(0).get("status").asText()).isEqualTo("FIRING");
        assertThat(targetAlerts.get("transitions").get(1).get("status").asText()).isEqualTo("RESOLVED");
    }

    /** The API on this test's topics (the engine's, from the fixture) with accounts of its own. */
    private Properties apiProperties(StreamsFixture fx, String suffix) {
        Properties p = new Properties();
        p.putAll(fx.base);
        p.put(ApiConfig.PORT_CONFIG, "0");
        p.put(ApiConfig.APPLICATION_ID_CONFIG, "api-" + suffix);
        p.put(ApiConfig.STATE_DIR_CONFIG, tmp.resolve("api-state").toString());
        p.put(ApiConfig.USERS_TOPIC_CONFIG, "users-" + suffix);
        p.put(ApiConfig.TOKENS_TOPIC_CONFIG, "tokens-" + suffix);
        p.put(ApiConfig.JWT_SECRET_CONFIG, "uptime-end-to-end-signing-key-0123456789");
        p.put(ApiConfig.PREFIX + "bcrypt.cost", "4");
        return p;
    }

    private static Map<String, String> probeConnector(String targets, String probes) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.alertstream.connectors.probe.ProbeSourceConnector");
        c.put("tasks.max", "1");
        c.put("targets.topic", targets);
        c.put("targets.bootstrap.servers", KAFKA.bootstrapServers());
        c.put("probes.topic", probes);
        c.put("probe.location", "it");
        // The target is on 127.0.0.1, which the connector refuses by default.
        c.put("probe.allow.private.networks", "true");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        return c;
    }

    /** The first uptime-failures alert with this status, or null. */
    private static Map<String, Object> find(List<Map<String, Object>> alerts, String status) {
        return alerts.stream().filter(a -> "uptime-failures".equals(a.get("ruleId")) && status.equals(a.get("status")))
                .findFirst().orElse(null);
    }

    /** Every result on the probes topic, in check order, read until there are at least {@code expected - 1} or 20 s pass. */
    private static List<Map<String, Object>> readProbes(String topic, int expected) throws Exception {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        List<Map<String, Object>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // Then a few more polls, so that a surplus (a doubled result) is seen too.
            int quietPolls = 0;
            while (System.nanoTime() < deadline && quietPolls < 4) {
                int before = out.size();
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.add(Workload.parse(r.value()));
                }
                quietPolls = out.size() >= expected - 1 && out.size() == before ? quietPolls + 1 : 0;
            }
        }
        // One target, so one partition: offsets are check order already; sorting by the slot keeps it safe anyway.
        out.sort(java.util.Comparator.comparingLong(r -> ((Number) r.get("scheduled_ms")).longValue()));
        return out;
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
