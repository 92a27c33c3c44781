package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.FreePorts;
import io.alertstream.testkit.Waits;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.runtime.RuleDirectoryWatcher;
import io.alertstream.topology.runtime.RulePublisher;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * From an event to a person, with every part real: a rule fires on a real broker, the topology routes
 * the alert by the routing file and writes notifications, and alertstream's email and webhook sink
 * connectors on a real Connect worker deliver them to a real SMTP server (GreenMail) and a local HTTP
 * server. The webhook receiver is down for a while and nothing is lost; the routing file is edited
 * while running and the next alert follows the new routing.
 */
class NotificationsEndToEndIT {
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULE = """
            rules:
              - id: checkout-errors
                labels: {team: payments}
                summary: "{{group.service}}: {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 3}
            """;

    @TempDir
    Path tmp;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final List<Posted> posts = new CopyOnWriteArrayList<>();
    private final List<Object> problems = new CopyOnWriteArrayList<>();
    private GreenMail smtp;
    private HttpServer http;
    private int httpPort;
    private StreamsFixture fx;
    private Path rules;

    private record Posted(String idempotencyKey, JsonNode body) {
    }

    @BeforeEach
    void start() throws Exception {
        smtp = new GreenMail(new ServerSetup(FreePorts.find(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        httpPort = FreePorts.find();
        startHttp();
        fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.notify.check.interval", "200ms"));
        fx.createTopics(4);
        rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("checkout.yaml"), RULE);
        Files.writeString(rules.resolve("routing.yaml"), routing("payments@example.com"));
        AlertTopologyConfig config = fx.config();
        RulePublisher publisher = RulePublisher.forConfig(fx.base, config);
        running.add(publisher);
        running.add(new RuleDirectoryWatcher(rules, publisher, problems::add).start());
        running.add(fx.startInstance("a"));

        EmbeddedConnect connect = EmbeddedConnect.builder().bootstrapServers(KAFKA.bootstrapServers()).start();
        running.add(connect);
        String topic = config.notifications().notificationsTopic();
        Map<String, String> email = common(topic);
        email.put("connector.class", "io.alertstream.connectors.email.EmailSinkConnector");
        email.put("smtp.host", "127.0.0.1");
        email.put("smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        email.put("smtp.security", "none");
        email.put("email.from", "alertstream <alerts@example.com>");
        connect.putConnector("notify-email-" + fx.name, email);
        Map<String, String> webhook = common(topic);
        webhook.put("connector.class", "io.alertstream.connectors.webhook.WebhookSinkConnector");
        webhook.put("webhook.allowed.url.prefixes", "http://127.0.0.1:" + httpPort + "/");
        webhook.put("webhook.connect.timeout.ms", "500");
        webhook.put("max.retries", "3");
        webhook.put("retry.backoff.ms", "200");
        connect.putConnector("notify-webhook-" + fx.name, webhook);
        connect.awaitConnectorRunning("notify-email-" + fx.name, 1, Duration.ofMinutes(2));
        connect.awaitConnectorRunning("notify-webhook-" + fx.name, 1, Duration.ofMinutes(2));
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        if (http != null) {
            http.stop(0);
        }
        smtp.stop();
    }

    @Test
    void shouldDeliverAnAlertByEmailAndWebhookLoseNothingWhileTheReceiverIsDownAndFollowRoutingEdits() throws Exception {
        long t0 = System.currentTimeMillis() / 60_000 * 60_000;
        try (EventSender events = new EventSender(KAFKA.bootstrapServers())) {
            breach(events, "checkout", t0);
            awaitTrue(() -> mailsTo("payments@example.com").size() == 1, "the checkout alert's email");
            MimeMessage mail = mailsTo("payments@example.com").get(0);
            assertThat(mail.getSubject()).contains("firing").contains("checkout: 4 errors");
            assertThat(GreenMailUtil.getBody(mail)).contains("checkout: 4 errors").contains("warning");
            awaitTrue(() -> posts.size() == 1, "the checkout alert's webhook POST");
            Posted post = posts.get(0);
            assertThat(post.body().get("kind").asText()).isEqualTo("firing");
            assertThat(post.body().at("/alerts/0/alertKey").asText()).isEqualTo("checkout-errors|service=\"checkout\"");
            assertThat(post.idempotencyKey()).isEqualTo(post.body().get("id").asText());
            String messageId = mail.getMessageID();
            assertThat(messageId).startsWith("<" + post.idempotencyKey().replace("-webhook-0", "-email"));

            http.stop(0); // the webhook receiver goes down; the email channel stays up
            http = null;
            breach(events, "cart", t0);
            awaitTrue(() -> mailsTo("payments@example.com").size() == 2, "the cart alert's email (proves it was produced)");
            Thread.sleep(3_000); // let the webhook sink fail and retry against the closed port for a while
            assertThat(posts).hasSize(1);
            startHttp();
            awaitTrue(() -> posts.stream().anyMatch(p -> p.body().at("/alerts/0/alertKey").asText().contains("cart")),
                    "the cart alert's POST once the receiver is back");

            // Hot reload: the routing file changes while everything runs; the next alert follows it.
            Files.writeString(rules.resolve("routing.yaml"), routing("oncall@example.com"));
            awaitTrue(() -> routingOnTopicMentions("oncall@example.com"), "the edited routing published");
            breach(events, "search", t0);
            awaitTrue(() -> mailsTo("oncall@example.com").size() == 1, "the search alert's email to the new address");
            assertThat(mailsTo("oncall@example.com").get(0).getSubject()).contains("search");
            assertThat(mailsTo("payments@example.com")).hasSize(2);

            // A broken edit is reported with its position and the last good routing keeps running.
            Files.writeString(rules.resolve("routing.yaml"), routing("oncall@example.com").replace("receiver: payments\n  group_by",
                    "receiver: payment\n  group_by"));
            awaitTrue(() -> problems.stream().anyMatch(p -> p.toString().contains("routing.yaml:6:13:")
                    && p.toString().contains("unknown receiver 'payment'")), "the routing problem reported");
            assertThat(routingOnTopicMentions("receiver: payments\n")).as("the last good routing stays published").isTrue();
            problems.clear();
        }
        assertThat(problems).as("the rules directory stayed valid").isEmpty();
        Map<String, Long> perKey = new LinkedHashMap<>();
        posts.forEach(p -> perKey.merge(p.idempotencyKey(), 1L, Long::sum));
        assertThat(perKey).as("one POST per notification, each delivered").hasSize(3);
    }

    /** Four 5xx events of a service in one minute window: the rule (above 3) fires on the fourth. */
    private void breach(EventSender events, String service, long windowStart) throws Exception {
        for (int i = 0; i < 4; i++) {
            long t = windowStart + 1_000 + i;
            events.send(fx.config().inputTopics().get(0), null, t, service,
                    "{\"timestamp\":" + t + ",\"service\":\"" + service + "\",\"status\":503}");
        }
        events.flush();
    }

    private String routing(String to) {
        return """
                receivers:
                  - name: payments
                    email: {to: [%s]}
                    webhooks: [{url: "http://127.0.0.1:%d/hook", timeout: 2s}]
                route:
                  receiver: payments
                  group_by: [rule, service]
                  group_wait: 1s
                  group_interval: 2s
                  repeat_interval: 1h
                """.formatted(to, httpPort);
    }

    private Map<String, String> common(String topic) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("topics", topic);
        c.put("tasks.max", "1");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", "notify-dlq-" + fx.name);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        return c;
    }

    private void startHttp() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        http.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(new Posted(exchange.getRequestHeaders().getFirst("Idempotency-Key"), JSON.readTree(body)));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
    }

    private List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().contains(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    private boolean routingOnTopicMentions(String text) {
        try (RulePublisher reader = RulePublisher.forConfig(fx.base, fx.config())) {
            return reader.publishedRouting().map(r -> r.contains(text)).orElse(false);
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Waits.until(condition, Duration.ofMinutes(2), () -> "waiting for " + what, 200);
    }
}
