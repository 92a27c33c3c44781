package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console with a routing file, in a real headless Chromium against a real broker and engine ({@link ConsoleStack}):
 * two alerts (checkout, ledger) fire at warning and are shown in the routing's own groups with their receivers; both are
 * notified and their pages list those notifications; the user silences checkout from the console; then both rise to
 * critical, a change that notifies: ledger's (the control) reaches the {@code notifications} topic, checkout's does not,
 * and checkout's page shows it silenced and lists no notification after the silence. (A silence holds back firing news;
 * the resolution of an alert its receiver was told fires is told, silenced or not, as the README says, so the test's
 * notifying change is a rise in level, not a resolution.) Ledger's route counts flapping after one change, so its rise
 * is the engine's flapping notice: its page and the Alerts list show it flapping. Each browser assertion is on what the
 * page shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleNotificationsIT {
    private static final Duration LIVE = Duration.ofSeconds(40);
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery";
    private static final String RULES = """
            rules:
              - id: errors
                description: Too many server errors
                labels: {team: payments}
                summary: "{{group.service}}: {{value}} errors"
                filter: has(event.service) && event.status >= 500
                group_by: [service]
                window: {size: 2s}
                aggregate: count
                triggers:
                  warning: {above: 2}
                  critical: {above: 20}
                owners: [alice]
            """;
    private static final String ROUTING = """
            receivers:
              - name: oncall
                email: {to: [oncall@example.com]}
              - name: ledger-oncall
                email: {to: [ledger@example.com]}
            route:
              receiver: oncall
              group_by: [service]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
              routes:
                - match: {service: ledger}
                  receiver: ledger-oncall
                  flapping: {changes: 1, within: 10m, settle: 10m}
            """;
    private static final ScheduledExecutorService TRAFFIC = Executors.newSingleThreadScheduledExecutor();
    private static ConsoleStack stack;
    private static Browser browser;
    private static ScheduledFuture<?> failing;
    private static String checkoutKey;
    private static String ledgerKey;
    /** When the silence was created (its answer seen): no notification of checkout may be written after it. */
    private static long silencedAt;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser, "failed-notifications-");

    @BeforeAll
    static void start() throws Exception {
        stack = ConsoleStack.start(dir, Map.of("rules.yaml", RULES, "routing.yaml", ROUTING));
        stack.signUp(USER, "alice@example.com", PASSWORD);
        browser = new Browser();
        browser.open(stack.url() + "/");
        browser.find("#user").sendKeys(USER);
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("button[type=submit]").click();
        browser.awaitUrl("/console/alerts");
    }

    @AfterAll
    static void stop() {
        TRAFFIC.shutdownNow();
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static List<Map<String, Object>> errors(String service, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> ConsoleStack.event(service, 500 + i % 4)).toList();
    }

    /**
     * Sends {@code perSecond} errors of each service every second from now on (instead of what was sent so before): 3 a
     * second keeps every 2 s window between 3 and 6 (warning, above 2), 15 a second makes 30 (critical, above 20).
     */
    private static void keepFailing(int perSecond, String... services) {
        if (failing != null) {
            failing.cancel(false);
        }
        failing = TRAFFIC.scheduleAtFixedRate(() -> {
            for (String service : services) {
                try {
                    stack.send(errors(service, perSecond));
                } catch (Exception | AssertionError e) {
                    // the next second's errors keep it firing as well
                }
            }
        }, 0, 1, TimeUnit.SECONDS);
    }

    /** The live list's alert of that service, or null; read again when the list is re-rendered while it is read. */
    private static WebElement listed(String service) {
        for (int attempt = 1; ; attempt++) {
            try {
                return browser.all("li.alert").stream().filter(e -> String.valueOf(e.getAttribute("data-alert-key"))
                        .contains("service=\"" + service + "\"")).findFirst().orElse(null);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    /** The notification rows of an alert's page, opened anew, each as its text. */
    private static List<String> notificationRows(String key) {
        browser.open(stack.url() + AlertPage.url(key));
        return browser.all("table.notifications tbody tr").stream().map(WebElement::getText).toList();
    }

    @Test
    @Order(1)
    void shouldGroupTheFiringAlertsAsTheRoutingFileGroupsThemWithTheirReceivers() {
        keepFailing(3, "checkout", "ledger");

        browser.await(LIVE, "both alerts in the live list", d -> listed("checkout") != null && listed("ledger") != null);
        assertThat(listed("checkout").getAttribute("class")).contains("level-warning");
        checkoutKey = listed("checkout").getAttribute("data-alert-key");
        ledgerKey = listed("ledger").getAttribute("data-alert-key");

        assertThat(browser.all(".group h2").stream().map(WebElement::getText).toList())
                .containsExactlyInAnyOrder("{service=\"checkout\"} 1 to oncall", "{service=\"ledger\"} 1 to ledger-oncall");
        browser.screenshot("alerts-routing-groups");
    }

    @Test
    @Order(2)
    void shouldListTheNotificationsSentForAnAlertAndToWhom() throws Exception {
        List<String> rows = browser.await(LIVE, "checkout's firing notification on its page", d -> {
            List<String> r = notificationRows(checkoutKey);
            return r.isEmpty() ? null : r;
        });

        assertThat(rows.get(0)).contains("firing", "FIRING warning", "oncall", "email", "oncall@example.com");
        assertThat(stack.notifications()).anyMatch(n -> n.names(checkoutKey) && "firing".equals(n.value().path("kind").asText()));
        assertThat(browser.find("svg[role=img] title").getAttribute("textContent")).startsWith("Window values of " + checkoutKey);
        assertThat(browser.all("svg circle.point")).isNotEmpty();
        assertThat(browser.all(".events-link")).as("no Kibana link: alertstream.api.console.events.url is not set").isEmpty();
        browser.screenshot("alert-detail-notifications");
    }

    @Test
    @Order(3)
    void shouldSilenceTheAlertFromTheConsoleAndShowItSilenced() throws Exception {
        browser.find(".actions a.button").click(); // Silence… on checkout's page
        browser.find("input[name=duration][value='1h']").click();
        browser.find("form.silence button[type=submit]").click();
        browser.await(Duration.ofSeconds(15), "the silences list", d -> d.getCurrentUrl().contains("/console/silences?created="));
        silencedAt = System.currentTimeMillis();

        browser.find("nav").findElement(By.linkText("Alerts")).click();
        WebElement badge = browser.await(LIVE, "checkout marked silenced", d -> {
            WebElement a = listed("checkout");
            return a == null || a.findElements(By.cssSelector(".badge.silenced")).isEmpty() ? null : a.findElement(By.cssSelector(".badge.silenced"));
        });
        assertThat(badge.getText()).isEqualTo("silenced");
        assertThat(listed("ledger").findElements(By.cssSelector(".badge.silenced"))).isEmpty();
        // The engine reads the same silences topic as the API: its notice to the silence's creator says it has the silence.
        browser.await(LIVE, "the engine's silence-started notice", d -> {
            try {
                return stack.notifications().stream().anyMatch(n -> "silence-started".equals(n.value().path("kind").asText())) ? true : null;
            } catch (Exception e) {
                return null;
            }
        });
    }

    @Test
    @Order(4)
    void shouldNotifyTheControlAlertsRiseToCriticalButNotTheSilencedOnes() throws Exception {
        keepFailing(15, "checkout", "ledger");

        ConsoleStack.Sent control = browser.await(LIVE, "ledger's rise to critical on the notifications topic", d -> {
            try {
                return stack.notifications().stream().filter(n -> n.names(ledgerKey) && n.timestamp() > silencedAt
                        && "critical".equals(n.value().path("alerts").get(0).path("level").asText())).findFirst().orElse(null);
            } catch (Exception e) {
                return null;
            }
        });
        assertThat(control.value().path("receiver").asText()).isEqualTo("ledger-oncall");
        browser.open(stack.url() + ConsoleRoutes.ALERTS);
        WebElement checkout = browser.await(LIVE, "checkout critical and still silenced in the list", d -> {
            WebElement a = listed("checkout");
            return a != null && a.getAttribute("class").contains("level-critical") && !a.findElements(By.cssSelector(".badge.silenced")).isEmpty()
                    ? a : null;
        });
        assertThat(checkout.findElement(By.cssSelector(".badge.silenced")).getText()).isEqualTo("silenced");
        // For 3 s, past checkout's group_interval (1 s) and the engine's check interval (1 s): it would be out by now.
        Waits.holdsFor(Duration.ofSeconds(3), () -> {
            try {
                assertThat(stack.notifications().stream().filter(n -> n.names(checkoutKey) && n.timestamp() > silencedAt).toList())
                        .as("notifications naming the silenced alert after the silence").isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        browser.screenshot("alerts-silenced-critical");
    }

    @Test
    @Order(5)
    void shouldShowTheSilencedAlertSilencedAndListNoNotificationOfItAfterTheSilence() {
        List<String> rows = notificationRows(checkoutKey);

        assertThat(browser.find("section.detail").getAttribute("class")).contains("level-critical");
        assertThat(browser.find("section.detail .badge.silenced").getText()).isEqualTo("silenced");
        assertThat(rows).isNotEmpty().allSatisfy(r -> assertThat(r).contains("firing", "FIRING warning").doesNotContain("critical"));
        browser.screenshot("alert-detail-silenced-not-notified");
        List<String> ledger = notificationRows(ledgerKey);
        assertThat(ledger).anyMatch(r -> r.contains("FIRING critical") && r.contains("ledger-oncall") && r.contains("ledger@example.com"));
    }

    @Test
    @Order(6)
    void shouldShowTheFlappingBadgeOnTheFlappingAlertsPageAndInTheList() {
        // Ledger's route counts flapping after one change: warning, then critical made its rise the flapping notice.
        notificationRows(ledgerKey);
        assertThat(browser.find("section.detail .badge.flapping").getText()).isEqualTo("flapping");
        assertThat(browser.find("table.notifications").getText()).contains("flapping");

        browser.open(stack.url() + ConsoleRoutes.ALERTS);
        WebElement badge = browser.await(LIVE, "ledger marked flapping in the list", d -> {
            WebElement a = listed("ledger");
            return a == null || a.findElements(By.cssSelector(".badge.flapping")).isEmpty() ? null : a.findElement(By.cssSelector(".badge.flapping"));
        });
        assertThat(badge.getText()).isEqualTo("flapping");
        assertThat(listed("checkout").findElements(By.cssSelector(".badge.flapping"))).isEmpty();
        browser.screenshot("alerts-flapping");
    }

    @Test
    @Order(7)
    void shouldKeepAnAlertsNotificationsFromWhoeverMayNotSeeIt() throws Exception {
        String bob = stack.otherUser("bob", "bob@example.com", "another long password");
        String path = "/v1/alerts/" + Format.segment(ledgerKey) + "/notifications";

        assertThat(stack.get(path, bob).statusCode()).as("bob is neither owner, recipient nor receiver").isEqualTo(403);
        assertThat(stack.get("/v1/alerts/flapping", bob).body()).isEqualTo("{\"alertKeys\":[]}");
        assertThat(stack.get(path, null).statusCode()).isEqualTo(401);
    }
}
