package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.examples.instrumented.InstrumentedApp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instrumented example app against {@code alertstream dev}, as the README shows it: dev runs in its own
 * JVM with the repository's rules plus the example's rule file; the example's on-call signs up on dev's HTTP
 * API and makes an API token; the app runs in this JVM in HTTP mode and records one event per request
 * through the client and {@code POST /v1/events}. Ten failing requests fire the example's rule once, its
 * {@code recipients} route mails the on-call through the dev stack's mail catcher, and the on-call sees the
 * alert firing in {@code GET /v1/alerts} with its transition in {@code GET /v1/alerts/{key}}.
 */
class InstrumentedAppIT {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentedAppIT.class);
    private static final Pattern FIRING = Pattern.compile(" FIRING +warning +checkout-example-errors\\|service=\"checkout-example\"");
    private ChildJvm dev;
    private InstrumentedApp app;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() throws InterruptedException {
        if (app != null) {
            app.close();
        }
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    void shouldFireOnceAndMailTheRecipientAfterTenFailingRequests() throws Exception {
        Path base = Path.of(System.getProperty("basedir", ".")).resolve("..").normalize();
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(base.resolve("rules"), "*.yaml")) {
            for (Path f : files) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        Files.copy(base.resolve("examples/instrumented-app/rules/instrumented-app.yaml"), rules.resolve("instrumented-app.yaml"));

        dev = ChildJvm.startLikeLauncher("dev", ChildJvm.logDir(InstrumentedAppIT.class), List.of("dev", "--kafka-port", "0",
                "--smtp-port", "0", "--api-port", "0", "--no-elasticsearch", "--no-redis", "--no-demo",
                "--data", tmp.resolve("data").toString(), "--rules", rules.toString()), tmp);
        try {
            String ready = dev.awaitLine(Pattern.compile("^alertstream dev ready: bootstrap=127\\.0\\.0\\.1:\\d+ "), Duration.ofMinutes(5));
            Matcher m = Pattern.compile(" api=(http://\\S+) ").matcher(ready);
            assertThat(m.find()).as("the API's URL on the ready line: %s", ready).isTrue();
            ApiCalls api = new ApiCalls(m.group(1));
            dev.awaitLine(Pattern.compile("^alertstream dev sinks ready"), Duration.ofMinutes(3));
            assertThat(dev.output()).as("the example's rule loads").doesNotContain("rule problem:");

            api.post("/v1/signup", null, "{\"user\":\"checkout-oncall\",\"email\":\"checkout-example-oncall@alertstream.local\","
                    + "\"password\":\"correct horse battery\"}", 201);
            String jwt = api.post("/v1/login", null, "{\"user\":\"checkout-oncall\",\"password\":\"correct horse battery\"}", 200)
                    .get("token").asText();
            String token = api.post("/v1/tokens", jwt, "{\"name\":\"instrumented-app\"}", 201).get("token").asText();

            app = InstrumentedApp.start(List.of("--http", api.base(), "--token", token, "--port", "0"));
            awaitSameMinuteForTheNextSeconds(15);
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/fail")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(500);
            }
            assertThat(app.flush(Duration.ofSeconds(30))).as("the API acknowledged the ten events").isTrue();
            assertThat(app.client().sent()).isEqualTo(10);
            assertThat(app.client().rejected()).isZero();

            String firing = dev.awaitLine(FIRING, Duration.ofMinutes(3));
            LOG.info("Fired: {}", firing);
            String mail = dev.awaitLine(Pattern.compile("^mail +to=checkout-example-oncall@alertstream\\.local +subject=\\[alertstream\\] "
                    + "firing warning: checkout-example: 10 failed requests in 1m"), Duration.ofMinutes(3));
            LOG.info("Mailed: {}", mail);

            com.fasterxml.jackson.databind.JsonNode firingNow = api.awaitGet("/v1/alerts?rule=checkout-example-errors", jwt,
                    a -> a.get("alerts").size() == 1, Duration.ofMinutes(1));
            com.fasterxml.jackson.databind.JsonNode alert = firingNow.get("alerts").get(0);
            assertThat(alert.get("level").asText()).isEqualTo("warning");
            assertThat(alert.get("value").asDouble()).isEqualTo(10.0);
            String key = alert.get("alertKey").asText();
            com.fasterxml.jackson.databind.JsonNode detail = api.get("/v1/alerts/" + java.net.URLEncoder.encode(key,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), jwt);
            assertThat(detail.get("transitions")).as("the alert's transitions").hasSize(1);
            assertThat(detail.get("transitions").get(0).get("status").asText()).isEqualTo("FIRING");

            List<String> console = List.of(dev.output().split("\n"));
            assertThat(console.stream().filter(l -> FIRING.matcher(l).find())).as("FIRING lines for the example rule").hasSize(1);
            assertThat(console.stream().filter(l -> l.startsWith("mail") && l.contains("to=checkout-example-oncall@alertstream.local")))
                    .as("mails to the example's recipient").hasSize(1);
        } catch (AssertionError | RuntimeException e) {
            LOG.error("InstrumentedAppIT failed:\n{}", dev.tail(80));
            throw e;
        }
    }

    /**
     * The rule counts in one-minute windows aligned to the minute: ten requests split across a minute
     * boundary would count five and five and never fire. Waits (if needed) for a fresh minute.
     */
    private static void awaitSameMinuteForTheNextSeconds(int seconds) throws InterruptedException {
        while (LocalTime.now(ZoneOffset.UTC).getSecond() > 59 - seconds) {
            Thread.sleep(200);
        }
    }
}
