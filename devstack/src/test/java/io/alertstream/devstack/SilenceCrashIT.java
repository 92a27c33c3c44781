package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertstream.testkit.PrometheusScrape;
import io.alertstream.topology.runtime.RulePublisher;
import io.alertstream.topology.runtime.RulesDirectory;
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
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A silence made through the API outlives a crash of the engine (issue #18: "a silence created through the API
 * survives a SIGKILL of the instance and still silences after it"). Given {@code alertstream run} and
 * {@code alertstream api} in their own JVMs on one broker, a rule, and a routing file that tells an on-call by
 * email, and given a silence {@code service=checkout} that a user created with {@code POST /v1/silences} and that
 * the running engine has taken in (it announced the silence to its creator, and a control alert of another service
 * was notified, so rules and routing are in force): when the {@code run} JVM is killed with SIGKILL (no shutdown
 * hook, no clean close of its stores, a transaction possibly open) and a new one starts on the same state directory
 * and application id, and then a checkout alert and a control alert (payments) both fire, then the payments alert
 * is notified, the checkout alert is on the alerts topic but held back by the grouper (counted in
 * {@code notify_suppressed_alert_total} of the new instance) and not notified within a bounded wait after the
 * control's notification, the API shows it firing with the silence's id in {@code silencedBy}, and the silence is
 * not announced a second time. When the silence is then expired with {@code DELETE /v1/silences/{id}}, the still
 * firing checkout alert is notified exactly once.
 *
 * <p>Why a child JVM killed with SIGKILL: the engine holds the silences in a global store and an in-memory catalog it
 * must rebuild on start, and the grouping state (what each receiver was told, which groups wait on a silence) in
 * logged stores. A crash leaves no checkpoints behind, so the new instance restores all of it from the topics
 * instead of reopening what a clean close left; the clean restart is {@code SilenceRestartIT}'s (in-process).
 * Notifications are read with {@code read_committed}, as the sink connectors read them.
 */
class SilenceCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(SilenceCrashIT.class);
    private static final Duration START = Duration.ofMinutes(3);
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofMinutes(2);
    /**
     * How long no notification of the silenced alert may appear once the control's notification (whose alert fired
     * after the silenced one) arrived: more than the routing's group_wait plus a group_interval, so a flush that
     * forgot the silence would have told it by then.
     */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final String RULE_ID = "silence-crash-errors";
    private static final String RULE = """
            rules:
              - id: silence-crash-errors
                labels: {team: shop}
                summary: "{{group.service}}: {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 3}
            """;
    private static final String USER = "operator";
    private static final String EMAIL = "operator@example.com";
    private static final String PASSWORD = "correct horse battery";
    /** The on-call is the user, so the user sees the alerts in the API (the routing decides who sees what). */
    private static final String ROUTING = """
            receivers:
              - name: oncall
                email: {to: [%s]}
            route:
              receiver: oncall
              group_by: [rule, service]
              group_wait: 1s
              group_interval: 2s
              repeat_interval: 1h
            """.formatted(EMAIL);

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();
    @TempDir
    Path tmp;
    private final List<ChildJvm> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StreamsFixture fx;
    private Path logs;
    /** The restarted engine's /metrics, for a post-mortem. */
    private String engineMetrics;

    @AfterEach
    void killChildren() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    @Test
    void shouldKeepSilencingAfterTheInstanceIsKilledAndTellTheAlertOnceTheSilenceIsExpired() throws Exception {
        long started = System.nanoTime();
        fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.notify.check.interval", "200ms"));
        // Every topic of this test is its own: the broker is shared with other test classes.
        fx.base.put("alertstream.topic.rule-problems", "rule-problems-" + fx.name);
        fx.base.put("alertstream.topic.targets", "targets-" + fx.name);
        fx.base.put("alertstream.topic.probes", "probes-" + fx.name);
        fx.base.put("alertstream.notify.topic.silences", "silences-" + fx.name);
        fx.base.put("alertstream.notify.topic.acks", "acks-" + fx.name);
        fx.base.put("alertstream.notify.topic.firing", "notify-firing-" + fx.name);
        fx.createTopics(PARTITIONS);
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("rules.yaml"), RULE);
        Files.writeString(rules.resolve("routing.yaml"), ROUTING);
        try (RulePublisher publisher = RulePublisher.forConfig(fx.base, fx.config())) {
            RulesDirectory dir = RulesDirectory.load(rules);
            assertThat(publisher.apply(dir).routing()).as("the routing file is published").isEqualTo(RulePublisher.Routing.PUBLISHED);
        }
        String applicationId = fx.base.getProperty("application.id");
        String events = fx.config().inputTopics().get(0);
        logs = ChildJvm.logDir(SilenceCrashIT.class);
        Path stateDir = tmp.resolve("run-state");

        ChildJvm run = startRun("run-a", stateDir);
        ChildJvm api = startApi();
        try (AlertsReader notifications = new AlertsReader(KAFKA.bootstrapServers(), fx.config().notifications().notificationsTopic());
             AlertsReader alerts = fx.alerts();
             EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            String ready = api.awaitLine(Pattern.compile("^alertstream api ready: url=http://127\\.0\\.0\\.1:\\d+ "), START);
            Matcher url = Pattern.compile("url=(\\S+)").matcher(ready);
            assertThat(url.find()).isTrue();
            ApiCalls calls = new ApiCalls(url.group(1));
            calls.post("/v1/signup", null, "{\"user\":\"" + USER + "\",\"email\":\"" + EMAIL + "\",\"password\":\"" + PASSWORD + "\"}", 201);
            String jwt = calls.post("/v1/login", null, "{\"user\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}", 200)
                    .get("token").asText();

            // Given: a silence of checkout made through the API, ending long after the test.
            JsonNode silence = calls.post("/v1/silences", jwt, "{\"matchers\":[\"service=checkout\"],\"ends_at\":\""
                    + Instant.now().plus(Duration.ofHours(6)) + "\",\"comment\":\"deploy; SilenceCrashIT\"}", 201);
            String silenceId = silence.get("id").asText();
            assertThat(silence.get("created_by").asText()).isEqualTo(USER);
            JsonNode listed = calls.get("/v1/silences", jwt).get("silences");
            assertThat(listed).as("GET /v1/silences shows it active").anySatisfy(s -> {
                assertThat(s.get("id").asText()).isEqualTo(silenceId);
                assertThat(s.get("status").asText()).isEqualTo("active");
            });

            // ... that the running engine has taken in: it announces the silence to its creator, and a control alert
            // (search) is notified, so the rule and the routing are in force.
            run.awaitLine(runningLine(applicationId), START);
            breach(sender, events, "search");
            notifications.readUntil(n -> firingNotifications(n, "search") == 1 && notices(n, "silence-started", silenceId) == 1, WAIT);
            assertThat(firingNotifications(notifications.alerts, "search")).as("the control alert before the crash is notified")
                    .isEqualTo(1);
            assertThat(notices(notifications.alerts, "silence-started", silenceId)).as("the engine announced the silence").isEqualTo(1);
            LOG.info("Silence {} taken in by {}; killing it ({} s into the test)", silenceId, run.name, seconds(started));

            // When: the engine is killed without warning, and a new instance starts on the same state directory.
            run.kill();
            assertThat(run.isAlive()).isFalse();
            assertThat(run.exitValue()).as("%s was killed by SIGKILL", run.name).isEqualTo(ChildJvm.KILLED_BY_SIGKILL);
            ChildJvm restarted = startRun("run-b", stateDir);
            String running = restarted.awaitLine(runningLine(applicationId), START);
            Matcher metricsUrl = Pattern.compile(" metrics=(http://\\S+/metrics) ").matcher(running);
            assertThat(metricsUrl.find()).as("the metrics URL on the running line: %s", running).isTrue();
            engineMetrics = metricsUrl.group(1);
            LOG.info("{} running ({} s into the test)", restarted.name, seconds(started));

            // Then: checkout fires (its transition is on the alerts topic) but is held back; payments fires and is told.
            breach(sender, events, "checkout");
            alerts.readUntil(a -> firing(a, "checkout"), WAIT);
            assertThat(firing(alerts.alerts, "checkout")).as("the checkout alert fires after the restart").isTrue();
            breach(sender, events, "payments");
            notifications.readUntil(n -> firingNotifications(n, "payments") == 1, WAIT);
            assertThat(firingNotifications(notifications.alerts, "payments")).as("the control alert after the restart is notified")
                    .isEqualTo(1);
            notifications.drain(QUIET);
            assertThat(toldAbout(notifications.alerts, "checkout")).as("no notification of the silenced alert within %s after the "
                    + "control's notification arrived", QUIET).isEmpty();
            // Held back, not unseen: the new instance's grouper met the checkout alert and left it out.
            double held = awaitMetric(metricsUrl.group(1), "alertstream_notify_suppressed_alert_total", restarted);
            LOG.info("The restarted instance held back {} firing alert(s) at its flushes", held);
            assertThat(notices(notifications.alerts, "silence-started", silenceId)).as("the silence is not announced again after "
                    + "the crash").isEqualTo(1);

            JsonNode view = calls.awaitGet("/v1/alerts?match=service%3Dcheckout", jwt, a -> a.get("alerts").size() == 1
                    && a.at("/alerts/0/silencedBy").size() > 0, WAIT).get("alerts").get(0);
            assertThat(view.get("alertKey").asText()).isEqualTo(alertKey("checkout"));
            assertThat(view.get("silencedBy")).as("the API shows the checkout alert silenced by the silence")
                    .extracting(JsonNode::asText).containsExactly(silenceId);

            // And when the silence is expired, the still firing checkout alert is told, once.
            calls.delete("/v1/silences/" + silenceId, jwt, 204);
            assertThat(calls.get("/v1/silences/" + silenceId, jwt).get("status").asText()).isEqualTo("expired");
            notifications.readUntil(n -> firingNotifications(n, "checkout") == 1, WAIT);
            notifications.drain(QUIET);
            assertThat(firingNotifications(notifications.alerts, "checkout")).as("the checkout alert is told once the silence is "
                    + "expired, exactly once").isEqualTo(1);
            assertThat(toldAbout(notifications.alerts, "checkout")).as("every notification of the checkout alert").hasSize(1);
            assertThat(firingNotifications(notifications.alerts, "search")).as("the control alert before the crash is not told "
                    + "again").isEqualTo(1);
            assertThat(restarted.isAlive()).isTrue();
            LOG.info("SilenceCrashIT done in {} s", seconds(started));
        } catch (AssertionError | RuntimeException e) {
            children.forEach(c -> LOG.error("SilenceCrashIT failed; output of {} ({}):\n{}", c.name,
                    c.isAlive() ? "running" : "exited " + c.exitValue(), c.tail(80)));
            logEngineMetrics();
            throw e;
        }
    }

    /**
     * Four server errors of {@code service} with one timestamp (one window): the rule (above 3) fires on the fourth, early,
     * once the watermark has reached the window's start. Nothing else is sent: after the restart, the partitions that
     * had data before the crash and none since must go on reading as idle at a moving time (the upstream tasks keep
     * their partitions' times in a logged store); if they read as "no time", the evaluating tasks would keep them at
     * their readings from before the kill and the alert of a window that starts after it would never fire.
     */
    private void breach(EventSender sender, String topic, String service) {
        long t = System.currentTimeMillis();
        for (int i = 0; i < 4; i++) {
            sender.send(topic, null, t, service, "{\"timestamp\":" + t + ",\"service\":\"" + service + "\",\"status\":503}");
        }
        sender.flush();
    }

    private static String alertKey(String service) {
        return RULE_ID + "|service=\"" + service + "\"";
    }

    private static boolean firing(List<Map<String, Object>> transitions, String service) {
        return transitions.stream().anyMatch(a -> alertKey(service).equals(a.get("alertKey")) && "FIRING".equals(a.get("status")));
    }

    /** Notifications that list the alert of {@code service} (any kind but notices). */
    private static List<Map<String, Object>> toldAbout(List<Map<String, Object>> notifications, String service) {
        return notifications.stream().filter(n -> n.get("alerts") instanceof List<?> list && list.stream()
                .anyMatch(a -> a instanceof Map<?, ?> m && alertKey(service).equals(m.get("alertKey")))).toList();
    }

    /** Notifications of kind {@code firing} that tell the alert of {@code service} firing. */
    private static long firingNotifications(List<Map<String, Object>> notifications, String service) {
        return toldAbout(notifications, service).stream().filter(n -> "firing".equals(n.get("kind"))
                && ((List<?>) n.get("alerts")).stream().anyMatch(a -> a instanceof Map<?, ?> m
                && alertKey(service).equals(m.get("alertKey")) && "FIRING".equals(m.get("status")))).count();
    }

    /** Notices of {@code kind} about the silence {@code id}. */
    private static long notices(List<Map<String, Object>> notifications, String kind, String id) {
        return notifications.stream().filter(n -> kind.equals(n.get("kind")) && n.get("silence") instanceof Map<?, ?> s
                && id.equals(s.get("id"))).count();
    }

    private static Pattern runningLine(String applicationId) {
        return Pattern.compile("alertstream running: application.id=" + Pattern.quote(applicationId) + " ");
    }

    /** On a failure: what the restarted engine counted (parsed events, transitions, late drops, notifications, watermark lag). */
    private void logEngineMetrics() {
        if (engineMetrics == null) {
            return;
        }
        try {
            String scrape = http.send(HttpRequest.newBuilder(URI.create(engineMetrics)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            LOG.error("Metrics of the restarted engine:\n{}", String.join("\n", scrape.lines()
                    .filter(l -> l.startsWith("alertstream_")).toList()));
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(engineMetrics.replace("/metrics", "/health/ready")))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            LOG.error("Readiness of the restarted engine: {} {}", ready.statusCode(), ready.body());
        } catch (Exception e) {
            LOG.error("Could not scrape {}: {}", engineMetrics, e.toString());
        }
    }

    /** Scrapes until the sum of {@code name} over its series is positive. */
    private double awaitMetric(String url, String name, ChildJvm child) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            last = r.body();
            double total = PrometheusScrape.sum(last, name);
            if (total > 0) {
                return total;
            }
            assertThat(child.isAlive()).as(child.tail(60)).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError(name + " stayed 0 within " + WAIT + "; last scrape:\n" + last);
    }

    /** {@code alertstream run} with this test's topics, on {@code stateDir}, its metrics on a free port. */
    private ChildJvm startRun(String name, Path stateDir) throws Exception {
        Properties config = engineSettings();
        // The killed member leaves the group only when its session expires: keep the takeover quick.
        config.put("session.timeout.ms", "6000");
        config.put("heartbeat.interval.ms", "1500");
        ChildJvm child = ChildJvm.startRun(name, logs, KAFKA.bootstrapServers(), fx.base.getProperty("application.id"), config,
                fx.stateRoot, "--state-dir", stateDir.toString(), "--http-port", "0");
        children.add(child);
        return child;
    }

    /** {@code alertstream api} with the engine's topic settings, its own application id, topics and state directory. */
    private ChildJvm startApi() throws Exception {
        Properties config = engineSettings();
        config.put("alertstream.api.users.topic", "users-" + fx.name);
        config.put("alertstream.api.tokens.topic", "tokens-" + fx.name);
        config.put("alertstream.api.application.id", "api-" + fx.name);
        config.put("alertstream.api.state.dir", tmp.resolve("api-state").toString());
        config.put("alertstream.api.bcrypt.cost", "4");
        Path file = write(config, "api");
        ChildJvm child = ChildJvm.start("api", logs, List.of("api", "--bootstrap-servers", KAFKA.bootstrapServers(), "--port", "0",
                "--config", file.toString()), Map.of("ALERTSTREAM_API_JWT_SECRET", "silence-crash-it-signing-key-" + UUID.randomUUID()));
        children.add(child);
        return child;
    }

    /** The fixture's {@code alertstream.*} settings: topic names, check interval and idle timeout. */
    private Properties engineSettings() {
        Properties config = new Properties();
        fx.base.stringPropertyNames().stream().filter(k -> k.startsWith("alertstream."))
                .forEach(k -> config.put(k, fx.base.getProperty(k)));
        config.put("replication.factor", "1");
        return config;
    }

    private Path write(Properties config, String name) throws Exception {
        return ChildJvm.writeConfig(config, fx.stateRoot, name);
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
