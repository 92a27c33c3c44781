package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alertstream dev} as the launcher runs it, in its own JVM: it prints the ready line, the demo
 * rule fires and resolves on the demo traffic (transition lines on stdout), the notification reaches
 * the local mail catcher through the email sink connector, demo-user's scheduled digest is printed and
 * mailed, the probe connector checks the demo targets and the uptime rule fires for the flaky one, and SIGTERM (Ctrl-C) stops everything and prints the stopped line.
 */
class DevCommandIT {
    private static final Logger LOG = LoggerFactory.getLogger(DevCommandIT.class);
    private ChildJvm dev;

    @TempDir
    Path tmp;

    @AfterEach
    void killChild() throws InterruptedException {
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    void shouldPrintReadyThenDemoTransitionsAndStopCleanlyOnSigterm() throws Exception {
        // Like a checkout directory, not a private 0700 temp dir: services the dev stack runs as another
        // user (Elasticsearch refuses root and runs as nobody) must be able to traverse into --data.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Path repoRules = Path.of(System.getProperty("basedir", ".")).resolve("../rules").normalize();
        // The rule files and routing.yaml, as a user's checkout has them.
        try (DirectoryStream<Path> files = Files.newDirectoryStream(repoRules, "*.yaml")) {
            for (Path f : files) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        assertThat(rules.resolve("demo.yaml")).as("the repository's demo rule").exists();
        assertThat(rules.resolve("routing.yaml")).as("the repository's routing file").exists();

        long started = System.nanoTime();
        dev = ChildJvm.startLikeLauncher("dev", ChildJvm.logDir(DevCommandIT.class), List.of("dev", "--kafka-port", "0", "--smtp-port", "0", "--api-port", "0",
                "--data", tmp.resolve("data").toString(), "--rules", rules.toString()), tmp);
        try {
            String ready = dev.awaitLine(Pattern.compile("^alertstream dev ready: bootstrap=127\\.0\\.0\\.1:\\d+ "), Duration.ofMinutes(5));
            assertThat(ready).contains("log=" + tmp.resolve("data").resolve("logs").resolve("dev.log").toAbsolutePath());
            LOG.info("Ready after {} s: {}", seconds(started), ready);
            String firing = dev.awaitLine(Pattern.compile(" FIRING +(warning|critical) +demo-checkout-errors\\|service=\"checkout\""),
                    Duration.ofMinutes(3));
            LOG.info("First FIRING after {} s: {}", seconds(started), firing);
            String resolved = dev.awaitLine(Pattern.compile(" RESOLVED +- +demo-checkout-errors\\|service=\"checkout\""),
                    Duration.ofMinutes(3));
            LOG.info("First RESOLVED after {} s: {}", seconds(started), resolved);
            String mail = dev.awaitLine(Pattern.compile("^mail +to=oncall@alertstream\\.local +subject=\\[alertstream\\] firing "
                    + "(warning|critical): checkout: \\d+ errors in 10s"), Duration.ofMinutes(3));
            LOG.info("First mail after {} s: {}", seconds(started), mail);
            String digest = dev.awaitLine(Pattern.compile("^digest +demo-user: \\d+ new +demo-checkout-errors\\|service=\"checkout\" "
                    + "(WARNING|CRITICAL) since "), Duration.ofMinutes(3));
            LOG.info("First non-empty digest after {} s: {}", seconds(started), digest);
            String digestMail = dev.awaitLine(Pattern.compile("^mail +to=demo-user@alertstream\\.local +subject=\\[alertstream\\] digest: \\d+ active alarms?"),
                    Duration.ofMinutes(1));
            LOG.info("Digest mail after {} s: {}", seconds(started), digestMail);
            String sinks = dev.awaitLine(Pattern.compile("^alertstream dev sinks ready:"), Duration.ofMinutes(1));
            assertThat(sinks).contains("uptime probes -> probes");
            // The worker serves the connectors' metrics at the URL the line names: the mail above was counted.
            java.util.regex.Matcher metricsUrl = Pattern.compile(" connector-metrics=(\\S+)").matcher(sinks);
            assertThat(metricsUrl.find()).as("sinks line names connector-metrics: " + sinks).isTrue();
            String scrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(metricsUrl.group(1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scrape).containsPattern("alertstream_connector_notifications_total\\{channel=\"email\","
                    + "connector=\"alertstream-notify-email\",outcome=\"delivered\",receiver=\"[^\"]+\",task=\"0\"} [1-9]");
            // The engine serves /metrics and /health/ready at the URL the ready line names, as `run` does.
            java.util.regex.Matcher engineMetrics = Pattern.compile(" metrics=(\\S+/metrics) ").matcher(ready);
            assertThat(engineMetrics.find()).as("ready line names the engine's metrics: " + ready).isTrue();
            String engineScrape = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(engineMetrics.group(1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            assertThat(engineScrape).containsPattern("alertstream_transitions_total\\{[^}]*rule=\"demo-checkout-errors\"[^}]*status=\"FIRING\"[^}]*} [1-9]");
            java.net.http.HttpResponse<String> live = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(engineMetrics.group(1).replace("/metrics", "/health/live"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            // The demo's flaky target fails from the 1st to the 3rd minute: the probe connector's results reach
            // the engine on `probes` and the shipped uptime-failures rule fires for it, owned by demo-user.
            String uptime = dev.awaitLine(Pattern.compile(" FIRING +critical +uptime-failures\\|.*demo-flaky.*"
                    + "demo-flaky \\(http://127\\.0\\.0\\.1:\\d+/flaky\\) is failing"), Duration.ofMinutes(4));
            LOG.info("Uptime FIRING after {} s: {}", seconds(started), uptime);
            assertThat(dev.output()).as("the healthy demo target never fails").doesNotContain("demo-healthy (");

            // A healthy start shows only alertstream's own lines: no library chatter, no warning, no stack trace.
            // (Library logs went to the file the ready line names.)
            List<String> console = List.of(dev.output().split("\n"));
            assertThat(console).as("console lines of a healthy start").noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ")
                    || l.contains("Exception") || l.startsWith("\tat ")
                    // java.util.logging's own format (Jersey in the Connect worker logs through it)
                    || l.startsWith("WARNING: ") || l.startsWith("SEVERE: ") || JUL_HEADER.matcher(l).find());
            assertThat(tmp.resolve("data").resolve("logs").resolve("dev.log")).as("the log file").isNotEmptyFile();

            long stopping = System.nanoTime();
            assertThat(dev.terminate(Duration.ofSeconds(90))).as("dev exits after SIGTERM").isTrue();
            LOG.info("Stopped {} ms after SIGTERM, exit code {}", (System.nanoTime() - stopping) / 1_000_000, dev.exitValue());
            assertThat(dev.output()).contains("alertstream dev stopped");
        } catch (AssertionError | RuntimeException e) {
            LOG.error("DevCommandIT failed:\n{}", dev.tail(80));
            throw e;
        }
    }

    /** The first line of a java.util.logging record in its default format: {@code Dec 03, 2026 4:45:44 AM org.glassfish...}. */
    private static final Pattern JUL_HEADER = Pattern.compile("^[A-Z][a-z]{2} \\d{2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M ");

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
