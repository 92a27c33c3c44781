package io.alertstream.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium ({@link Browser}) against a real broker, the engine running a rule
 * and the API serving the console ({@link ConsoleStack}): a user logs in, sees an alert fire as the test sends events
 * through the API's ingest (without reloading the page), filters by a label, opens it and acknowledges it, silences it
 * from the alert with its labels filled in and sees it marked silenced, sees it resolve live, expires the silence, sees
 * the rule and how often it fired, registers an uptime target and sees its bar fill and its latency sparkline drawn as check
 * results arrive, edits it (a bad interval refused in the form, then saved), and logs
 * out; a forged cross-site POST is refused and an unchanged live list answers 304. Every browser assertion is on what
 * the page shows. A screenshot of each view is saved in {@code target/console-screenshots/}, and of the page at a failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {
    private static final Duration LIVE = Duration.ofSeconds(30);
    private static final String USER = "alice";
    private static final String PASSWORD = "correct horse battery";
    private static final String RULES = """
            rules:
              - id: checkout-errors
                description: Too many server errors from checkout
                labels: {team: payments}
                summary: "{{group.service}}: {{value}} errors (threshold {{threshold}})"
                filter: has(event.service) && event.status >= 500
                group_by: [service]
                window: {size: 2s}
                aggregate: count
                triggers:
                  critical: {above: 2}
                owners: [alice]
            """;
    private static ConsoleStack stack;
    private static Browser browser;
    /** Sends checkout errors every second while the alert is to keep firing (each 2 s window then breaches). */
    private static final ScheduledExecutorService TRAFFIC = Executors.newSingleThreadScheduledExecutor();
    private static ScheduledFuture<?> failing;

    @TempDir
    static Path dir;

    @RegisterExtension
    static final TestWatcher SCREENSHOT_ON_FAILURE = Browser.screenshotOnFailure(() -> browser, "failed-");

    @BeforeAll
    static void start() throws Exception {
        stack = ConsoleStack.start(dir, RULES);
        stack.signUp(USER, "alice@example.com", PASSWORD);
        browser = new Browser();
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

    private static void send(List<Map<String, Object>> events) throws Exception {
        stack.send(events);
    }

    /** The live list's checkout alert; the list may be re-rendered while it is read (a poll answered), then it is read again. */
    private static WebElement checkoutAlert() {
        for (int attempt = 1; ; attempt++) {
            try {
                List<WebElement> items = browser.all("li.alert");
                return items.stream().filter(e -> e.getText().contains("checkout: 3 errors")).findFirst().orElse(null);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                if (attempt >= 20) {
                    throw e;
                }
            }
        }
    }

    @Test
    @Order(1)
    void shouldAskForALoginAndRefuseAWrongPassword() {
        browser.open(stack.url() + "/");

        assertThat(browser.driver.getCurrentUrl()).contains("/console/login");
        browser.find("#user").sendKeys(USER);
        browser.find("#password").sendKeys("not the password");
        browser.find("button[type=submit]").click();

        assertThat(browser.await(Duration.ofSeconds(15), "the login error", d -> d.findElements(By.cssSelector("p.error")).stream()
                .findFirst().orElse(null)).getText()).isEqualTo("Unknown user or wrong password.");
        assertThat(browser.unlabelledControls()).isEmpty();
        browser.screenshot("login");
    }

    @Test
    @Order(2)
    void shouldLogInAndShowThatNothingFires() {
        browser.find("#user").clear();
        browser.find("#user").sendKeys(USER);
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("button[type=submit]").click();

        browser.awaitUrl("/console/alerts");
        assertThat(browser.find("#user").getText()).isEqualTo(USER);
        assertThat(browser.find(".calm").getText()).isEqualTo("Nothing you may see is firing.");
        assertThat(browser.driver.manage().getCookieNamed(Session.COOKIE).isHttpOnly()).isTrue();
    }

    @Test
    @Order(3)
    void shouldShowTheAlertFireLiveWithItsLevelValueThresholdAndOwner() throws Exception {
        send(List.of(ConsoleStack.event("checkout", 503), ConsoleStack.event("checkout", 500), ConsoleStack.event("checkout", 502), ConsoleStack.event("search", 200)));
        failing = TRAFFIC.scheduleAtFixedRate(() -> {
            try {
                send(List.of(ConsoleStack.event("checkout", 503), ConsoleStack.event("checkout", 500), ConsoleStack.event("checkout", 502)));
            } catch (Exception | AssertionError e) {
                // the next second's errors keep it firing as well
            }
        }, 1, 1, TimeUnit.SECONDS);

        WebElement alert = browser.await(LIVE, "the checkout alert to appear without a reload", d -> checkoutAlert());

        assertThat(alert.getAttribute("class")).contains("level-critical");
        assertThat(alert.findElement(By.cssSelector(".level")).getText()).isEqualToIgnoringCase("critical");
        assertThat(alert.findElement(By.cssSelector(".value")).getText()).isEqualTo("3 / threshold 2");
        assertThat(alert.getText()).contains("owners", USER).contains("firing for");
        assertThat(alert.findElements(By.cssSelector("ul.labels li")).stream().map(WebElement::getText).toList())
                .containsExactly("rule=checkout-errors", "service=checkout", "team=payments");
        assertThat(browser.find(".group h2").getText()).isEqualTo("rule=checkout-errors 1");
        assertThat(browser.find(".counts").getText()).isEqualTo("1 firing");
        assertThat(browser.unlabelledControls()).isEmpty();
        browser.screenshot("alerts");
    }

    @Test
    @Order(4)
    void shouldFilterByALabelMatcherKeptInTheUrl() {
        browser.open(stack.url() + "/console/alerts?match=service%3Dsearch");

        assertThat(browser.find(".calm").getText()).isEqualTo("Nothing you may see is firing with these filters.");
        assertThat(browser.find(".chips").getText()).contains("service=search");

        browser.find(".chips a").click(); // remove the filter
        browser.await(LIVE, "the alert back without the filter", d -> checkoutAlert());
        checkoutAlert().findElement(By.linkText("team=payments")).click();

        browser.awaitUrl("/console/alerts?match=team%3Dpayments");
        WebElement filtered = browser.await(LIVE, "the alert, filtered by its team", d -> checkoutAlert());
        assertThat(filtered.getText()).contains("checkout: 3 errors");
        assertThat(browser.find(".chips").getText()).contains("team=payments");
    }

    @Test
    @Order(5)
    void shouldShowTheAlertsTransitionsAndItsRule() {
        checkoutAlert().findElement(By.cssSelector("a.alert-summary")).click();

        browser.await(Duration.ofSeconds(15), "the alert's page", d -> d.getCurrentUrl().contains("/console/alert?key="));
        assertThat(browser.find("h1").getText()).contains("checkout: 3 errors");
        assertThat(browser.find("table.transitions tbody").getText()).contains("FIRING", "critical");
        assertThat(browser.mainText()).contains("Rule checkout-errors", "Too many server errors from checkout");

        browser.find("form[action$='/alert/ack'] button").click();

        assertThat(browser.await(Duration.ofSeconds(15), "the ack notice", d -> d.findElements(By.cssSelector(".notice")).stream().findFirst()
                .orElse(null)).getText()).isEqualTo("Acknowledged: its pending escalations will not be sent.");
        String acked = browser.await(LIVE, "the acknowledged badge", d -> {
            if (d.findElements(By.cssSelector(".badge.acked")).isEmpty()) {
                d.navigate().refresh(); // the ack reaches the API's store within milliseconds of its answer
                return null;
            }
            return d.findElement(By.cssSelector(".badge.acked")).findElement(By.xpath("..")).getText();
        });
        assertThat(acked).isEqualTo("acknowledged by " + USER);
        assertThat(browser.mainText()).contains("Acknowledgements", USER + " at ");
        browser.screenshot("alert-detail");
    }

    @Test
    @Order(6)
    void shouldSayWhenAnAlertIsUnknown() {
        browser.open(stack.url() + ConsoleRoutes.ALERT + "?key=nope%7Cservice%3D%22gone%22");

        assertThat(browser.find("p.error").getText()).isEqualTo("No alert with key 'nope|service=\"gone\"'");
        browser.driver.navigate().back();
        browser.await(Duration.ofSeconds(15), "the alert's page again", d -> d.getCurrentUrl().contains("/console/alert?key=checkout"));
    }

    @Test
    @Order(7)
    void shouldCreateASilenceFromTheAlertWithItsLabelsFilledIn() {
        browser.find(".actions a.button").click(); // Silence…

        assertThat(browser.find("#matchers").getAttribute("value")).isEqualTo("rule=checkout-errors\nservice=checkout\nteam=payments");
        assertThat(browser.find("input[name=duration][value=resolved]").isSelected()).as("until resolved is the default").isTrue();
        assertThat(browser.unlabelledControls()).isEmpty();
        browser.screenshot("silence-new");
        browser.find("input[name=duration][value='1h']").click();
        browser.find("#comment").sendKeys("deploying a fix <b>now</b>");
        browser.find("form.silence button[type=submit]").click();

        browser.await(Duration.ofSeconds(15), "the silences list", d -> d.getCurrentUrl().contains("/console/silences?created="));
        assertThat(browser.find(".notice").getText()).startsWith("Silence").endsWith("created.");
        WebElement row = browser.find("tr.new");
        assertThat(row.getText()).contains("active", "rule=checkout-errors", "service=checkout", "team=payments", USER,
                "deploying a fix <b>now</b>");
        browser.screenshot("silences");
    }

    @Test
    @Order(8)
    void shouldMarkTheAlertSilenced() {
        browser.find("nav").findElement(By.linkText("Alerts")).click();

        WebElement alert = browser.await(LIVE, "the checkout alert", d -> checkoutAlert());
        assertThat(alert.findElement(By.cssSelector(".badge.silenced")).getText()).isEqualTo("silenced");
        assertThat(alert.findElement(By.cssSelector(".badge.acked")).getText()).as("acknowledged on its page before").isEqualTo("acknowledged");
        assertThat(browser.find(".counts").getText()).isEqualTo("1 firing, 1 of them silenced");
        browser.screenshot("alerts-silenced");
    }

    @Test
    @Order(9)
    void shouldShowTheAlertResolveLiveOnceItsWindowsCloseWithoutErrors() throws Exception {
        // The errors stop; quiet traffic moves the watermark on: the breaching window closes, the next one (no errors) resolves it.
        failing.cancel(false);
        long deadline = System.nanoTime() + LIVE.toNanos();
        while (checkoutAlert() != null && System.nanoTime() < deadline) {
            send(List.of(ConsoleStack.event("search", 200)));
            Thread.sleep(500);
        }

        assertThat(checkoutAlert()).as("the checkout alert is gone from the live list").isNull();
        assertThat(browser.await(LIVE, "the calm message", d -> d.findElements(By.cssSelector(".calm")).isEmpty() ? null
                : d.findElement(By.cssSelector(".calm"))).getText()).isEqualTo("Nothing you may see is firing.");
        browser.screenshot("alerts-resolved");
    }

    @Test
    @Order(10)
    void shouldExpireTheSilence() {
        browser.find("nav").findElement(By.linkText("Silences")).click();
        browser.awaitUrl("/console/silences");
        browser.find("tr[data-silence-id] button[type=submit]").click();

        WebElement status = browser.await(Duration.ofSeconds(15), "the silence expired", d -> d.findElements(
                By.cssSelector("tr[data-silence-id] .badge")).stream().filter(b -> b.getText().equals("expired")).findFirst().orElse(null));
        assertThat(status.getText()).isEqualTo("expired");
        assertThat(browser.all("tr[data-silence-id] button[type=submit]")).isEmpty();
    }

    @Test
    @Order(11)
    void shouldListTheRunningRules() {
        browser.find("nav").findElement(By.linkText("Rules")).click();
        browser.awaitUrl("/console/rules");

        assertThat(browser.find("table.rules").getText()).contains("checkout-errors", "Too many server errors from checkout");
        assertThat(browser.find("table.rules td.fired").getText()).as("it fired in the last 24 h").matches("[1-9][0-9]*");
        browser.screenshot("rules");
    }

    @Test
    @Order(12)
    void shouldAddATargetSeeItsBarAndSparklineFillAsChecksArriveEditItAndRemoveIt() throws Exception {
        browser.find("nav").findElement(By.linkText("Targets")).click();
        browser.awaitUrl("/console/targets");
        assertThat(browser.find(".calm").getText()).isEqualTo("No targets yet: add one below.");

        browser.find("#url").sendKeys("https://shop.example.com/health");
        new Select(browser.find("#interval")).selectByValue("1m");
        browser.find("form.target button[type=submit]").click();

        browser.await(Duration.ofSeconds(15), "the new target", d -> d.getCurrentUrl().contains("/console/targets?created="));
        WebElement target = browser.find("li.target");
        String id = target.getAttribute("data-target-id");
        assertThat(target.getText()).contains("https://shop.example.com/health", "GET every 1m", USER);
        assertThat(target.findElement(By.cssSelector(".availability")).getText()).isEqualTo("–");
        assertThat(target.findElements(By.cssSelector("ol.uptime .hour")).stream().map(h -> h.getAttribute("class")).distinct().toList())
                .as("no checks yet").containsExactly("hour none");

        // The probe connector's results for it, as the connector writes them to the probes topic: 5 good checks, 1 failed.
        stack.probeResults(id, "https://shop.example.com/health", List.of(true, true, true, false, true, true));

        // The hours the checks fell in fill (one, or two when the checks straddle an hour's start): 5 up, 1 down in all.
        List<String> filled = browser.await(LIVE, "the uptime bar to fill without a reload", d -> {
            List<String> titles = d.findElements(By.cssSelector("li.target ol.uptime .hour:not(.none)")).stream()
                    .map(h -> h.getAttribute("title")).toList();
            return countsIn(titles).equals(List.of(5, 1)) ? titles : null;
        });
        assertThat(filled).hasSizeBetween(1, 2);
        assertThat(browser.find("li.target ol.uptime .hour:last-child").getAttribute("class")).isNotEqualTo("hour none");
        assertThat(browser.find("li.target .availability").getText()).isEqualTo("83.33%");
        assertThat(browser.find("li.target .checks").getText()).isEqualTo("6 (1 failed)");
        // The checks' latencies (40 to 45 ms) as the hour's p50: one dot per hour with checks, named for a screen reader.
        WebElement spark = browser.find("li.target svg.sparkline");
        assertThat(spark.getAttribute("aria-label")).matches("Latency per hour \\(p50\\), last \\d+ hours: lowest 4\\d(\\.\\d)? ms, "
                + "highest 4\\d(\\.\\d)? ms, latest 4\\d(\\.\\d)? ms");
        assertThat(spark.findElements(By.cssSelector("line.dot"))).hasSize(filled.size());
        assertThat(spark.isDisplayed()).isTrue();
        assertThat(browser.unlabelledControls()).isEmpty();
        browser.screenshot("targets");

        // Edit it: a bad interval is refused with the API's words and what was typed kept; a good one is saved.
        browser.find("li.target a.edit").click();
        browser.await(Duration.ofSeconds(15), "the target's form", d -> d.getCurrentUrl().contains("/console/targets/edit?id="));
        assertThat(browser.find("#url").getAttribute("value")).isEqualTo("https://shop.example.com/health");
        assertThat(browser.find("#interval").getAttribute("value")).isEqualTo("1m");
        assertThat(browser.find("#owners").getAttribute("value")).isEqualTo(USER);
        assertThat(browser.unlabelledControls()).isEmpty();
        browser.find("#interval").clear();
        browser.find("#interval").sendKeys("2s");
        browser.find("#url").clear();
        browser.find("#url").sendKeys("https://shop.example.com/ready");
        browser.find("form.target-edit button[type=submit]").click();

        assertThat(browser.await(Duration.ofSeconds(15), "the API's problem", d -> d.findElements(By.cssSelector("p.error")).stream()
                .findFirst().orElse(null)).getText()).isEqualTo("field 'interval' must be at least 5s, got 2s; "
                + "field 'timeout' must be shorter than the interval (2s), got 10s");
        assertThat(browser.find("#url").getAttribute("value")).as("what was typed is kept").isEqualTo("https://shop.example.com/ready");
        browser.screenshot("target-edit");
        browser.find("#interval").clear();
        browser.find("#interval").sendKeys("5m");
        browser.find("#threshold").clear();
        browser.find("#threshold").sendKeys("5");
        browser.find("form.target-edit button[type=submit]").click();

        browser.await(Duration.ofSeconds(15), "the targets again", d -> d.getCurrentUrl().contains("/console/targets?updated="));
        assertThat(browser.find(".notice").getText()).isEqualTo("Target " + id + " saved: its next checks use the new settings.");
        WebElement edited = browser.find("li.target");
        assertThat(edited.getAttribute("data-target-id")).isEqualTo(id);
        assertThat(edited.getText()).contains("https://shop.example.com/ready", "GET every 5m").doesNotContain("/health");
        assertThat(edited.findElement(By.cssSelector(".checks")).getText()).as("same target, same checks").isEqualTo("6 (1 failed)");

        browser.find("li.target form.remove button").click();

        browser.awaitUrl("/console/targets");
        assertThat(browser.find(".calm").getText()).isEqualTo("No targets yet: add one below.");
    }

    /** The checks up and down that the bar's segments say, summed: {@code [up, down]}. */
    private static List<Integer> countsIn(List<String> titles) {
        int up = 0;
        int down = 0;
        for (String t : titles) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (\\d+) up, (\\d+) down$").matcher(t);
            if (m.find()) {
                up += Integer.parseInt(m.group(1));
                down += Integer.parseInt(m.group(2));
            }
        }
        return List.of(up, down);
    }

    @Test
    @Order(13)
    void shouldHaveLoggedNoJavaScriptErrors() {
        // The wrong password is answered 401, the unknown alert 404 and the bad interval 400, which Chromium logs as failed
        // resources: expected.
        assertThat(browser.severeConsoleMessages(m -> m.contains("/console/login - Failed to load resource: the server responded with a status of 401")
                || m.contains("key=nope%7Cservice%3D%22gone%22 - Failed to load resource: the server responded with a status of 404")
                || m.contains("/console/targets/edit - Failed to load resource: the server responded with a status of 400"))).isEmpty();
    }

    @Test
    @Order(14)
    void shouldRefuseAFormPostFromAnotherSiteAndAnswer304ForAnUnchangedLiveList() throws Exception {
        String cookie = Session.COOKIE + "=" + browser.driver.manage().getCookieNamed(Session.COOKIE).getValue();
        HttpResponse<String> forged = stack.request(stack.to(ConsoleRoutes.SILENCES).header("Cookie", cookie)
                .header("Origin", "https://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("matchers=rule%3D.%2A&duration=1d")));
        assertThat(forged.statusCode()).isEqualTo(403);

        HttpResponse<String> first = stack.request(stack.to(ConsoleRoutes.ALERTS_LIVE).header("Cookie", cookie).GET());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = stack.request(stack.to(ConsoleRoutes.ALERTS_LIVE).header("Cookie", cookie)
                .header("If-None-Match", etag).GET());
        assertThat(again.statusCode()).isEqualTo(304);
    }

    @Test
    @Order(15)
    void shouldLogOutAndAskForALoginAgain() {
        browser.find("header form.who button").click();

        browser.awaitUrl("/console/login");
        browser.open(stack.url() + ConsoleRoutes.SILENCES);
        browser.awaitUrl("/console/login?next=%2Fconsole%2Fsilences");
    }

    @Test
    @Order(16)
    void shouldEndASessionWhoseTokenTheApiRefusesAndAskForALogin() {
        browser.driver.manage().addCookie(new Cookie(Session.COOKIE, "not-a-token"));
        browser.open(stack.url() + ConsoleRoutes.RULES);

        browser.awaitUrl("/console/login?next=%2Fconsole%2Frules");
        assertThat(browser.driver.manage().getCookieNamed(Session.COOKIE)).as("the refused token is dropped").isNull();
    }

    @Test
    @Order(17)
    void shouldSendAnOpenPageToTheLoginWhenItsSessionEnds() {
        browser.find("#user").sendKeys(USER);
        browser.find("#password").sendKeys(PASSWORD);
        browser.find("button[type=submit]").click();
        browser.awaitUrl("/console/rules");
        browser.find("nav").findElement(By.linkText("Alerts")).click();
        browser.awaitUrl("/console/alerts");

        browser.driver.manage().deleteCookieNamed(Session.COOKIE); // as when it expires

        browser.await(LIVE, "the live list to lead to the login page", d -> d.getCurrentUrl().contains("/console/login?next=") ? true : null);
        assertThat(browser.find("h1").getText()).isEqualTo("alertstream");
        assertThat(browser.find("#password").isDisplayed()).isTrue();
    }
}
