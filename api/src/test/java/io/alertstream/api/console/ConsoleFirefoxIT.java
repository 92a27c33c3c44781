package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console in Firefox ({@link FirefoxWalk}: Debian's firefox-esr over WebDriver BiDi) against the same stack as
 * {@link ConsoleIT}: the user logs in, sees an alert fire without a reload as the test sends events, opens it, silences
 * it from its page, sees a target with its uptime bar and latency sparkline, and the rules; the walk records every
 * console error, uncaught page error and failed request, and there must be none (the issue: no JavaScript errors on
 * Chromium and Firefox).
 */
class ConsoleFirefoxIT {
    private static final String USER = "frida";
    private static final String PASSWORD = "correct horse battery";
    private static final String RULES = """
            rules:
              - id: checkout-errors
                description: Too many server errors from checkout
                summary: "{{group.service}}: {{value}} errors (threshold {{threshold}})"
                filter: has(event.service) && event.status >= 500
                group_by: [service]
                window: {size: 2s}
                aggregate: count
                triggers:
                  critical: {above: 2}
                owners: [frida]
            """;
    private static final ScheduledExecutorService TRAFFIC = Executors.newSingleThreadScheduledExecutor();
    private static ConsoleStack stack;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        stack = ConsoleStack.start(dir, RULES);
        stack.signUp(USER, "frida@example.com", PASSWORD);
        String target = stack.addTarget("https://shop.example.com/health");
        stack.probeResults(target, "https://shop.example.com/health", List.of(true, true, false, true));
    }

    @AfterAll
    static void stop() {
        TRAFFIC.shutdownNow();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldWalkEveryViewInFirefoxWithoutAJavaScriptError() throws Exception {
        JsonNode report;
        try (FirefoxWalk walk = FirefoxWalk.start(stack.url(), USER, PASSWORD)) {
            if (walk.awaitStep("calm") != null) {
                // Checkout errors every second: each 2 s window breaches while the page is open.
                TRAFFIC.scheduleAtFixedRate(() -> {
                    try {
                        stack.send(List.of(ConsoleStack.event("checkout", 503), ConsoleStack.event("checkout", 500),
                                ConsoleStack.event("checkout", 502)));
                    } catch (Exception | AssertionError e) {
                        // the next second's errors keep it firing as well
                    }
                }, 0, 1, TimeUnit.SECONDS);
                walk.proceed();
            }
            report = walk.report();
        }

        assertThat(report.path("failedStep").isNull()).as("the walk got through: %s", report.path("failedStep").asText()).isTrue();
        assertThat(report.path("browser").asText()).startsWith("firefox/");
        JsonNode seen = report.path("seen");
        assertThat(seen.path("loginUrl").asText()).contains("/console/login");
        assertThat(seen.path("user").asText()).isEqualTo(USER);
        assertThat(seen.path("calm").asText()).isEqualTo("Nothing you may see is firing.");
        assertThat(seen.path("alert").asText()).contains("checkout: 3 errors", "3 / threshold 2", "rule=checkout-errors");
        assertThat(seen.path("alertLevel").asText()).contains("level-critical");
        assertThat(seen.path("detailTitle").asText()).contains("checkout: 3 errors");
        assertThat(seen.path("detailTransitions").asText()).contains("FIRING", "critical");
        assertThat(seen.path("silenceMatchers").asText()).isEqualTo("rule=checkout-errors\nservice=checkout");
        assertThat(seen.path("silences").asText()).contains("created.", "active", "service=checkout", "from firefox");
        assertThat(seen.path("targets").asText()).contains("https://shop.example.com/health", "75%", "4 (1 failed)");
        assertThat(seen.path("sparklineLabel").asText()).startsWith("Latency per hour (p50)");
        assertThat(seen.path("rules").asText()).contains("checkout-errors", "Too many server errors from checkout");
        assertThat(seen.path("alertsAgain").asText()).contains("checkout: 3 errors", "silenced");
        List<String> errors = new ArrayList<>();
        report.path("errors").forEach(e -> errors.add(e.path("kind").asText() + " at " + e.path("url").asText() + ": " + e.path("text").asText()));
        assertThat(errors).as("console errors, page errors and failed requests in Firefox").isEmpty();
    }
}
