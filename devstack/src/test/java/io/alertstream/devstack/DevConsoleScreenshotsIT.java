package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.api.console.Browser;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's screenshots of the web console, taken from {@code alertstream dev} as a user starts it (its own JVM, the
 * launcher's class path, the repository's rules; no Elasticsearch nor Redis, which the console does not show): a user
 * signs up as {@code demo-user} (who owns the demo rule and targets), logs in, and each view is photographed once it
 * shows what a reader should see: the demo alert firing, its detail, a silence made from it, the demo targets with
 * their uptime bars and latency sparklines, the running rules. Each view is checked before its picture is taken, so a
 * broken view fails the test rather than ending up in the README. The PNGs go to {@code target/console-screenshots/};
 * with {@code -Dalertstream.screenshots.update=true} they are also copied to {@code api/docs/console/}, what the README
 * shows (so that an ordinary build leaves the checkout as it was).
 */
class DevConsoleScreenshotsIT {
    private static final Logger LOG = LoggerFactory.getLogger(DevConsoleScreenshotsIT.class);
    private static final Path DOCS = Path.of(System.getProperty("basedir", ".")).resolve("../api/docs/console").normalize();
    private static final List<String> VIEWS = List.of("login", "alerts", "alert-detail", "silence-new", "silences", "targets", "rules");
    private static final String USER = "demo-user";
    private static final String PASSWORD = "demo password 123";
    private ChildJvm dev;

    @TempDir
    Path tmp;

    @AfterEach
    void stopDev() throws InterruptedException {
        if (dev != null) {
            dev.close();
        }
    }

    @Test
    void shouldPhotographEveryViewOfTheConsoleThatDevServes() throws Exception {
        // As in DevCommandIT: a checkout-like directory (the dev stack's services may run as another user) with the repo's rules.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of(System.getProperty("basedir", ".")).resolve("../rules").normalize(), "*.yaml")) {
            for (Path f : files) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        long started = System.nanoTime();
        dev = ChildJvm.startLikeLauncher("dev", ChildJvm.logDir(DevConsoleScreenshotsIT.class), List.of("dev", "--kafka-port", "0",
                "--smtp-port", "0", "--api-port", "0", "--no-elasticsearch", "--no-redis", "--data", tmp.resolve("data").toString(),
                "--rules", rules.toString()), tmp);
        Matcher ready = Pattern.compile(" api=(\\S+) console=(\\S+) ").matcher(dev.awaitLine(
                Pattern.compile("^alertstream dev ready: "), Duration.ofMinutes(3)));
        assertThat(ready.find()).isTrue();
        LOG.info("dev ready after {} s, console at {}", (System.nanoTime() - started) / 1_000_000_000, ready.group(2));
        new ApiCalls(ready.group(1)).post("/v1/signup", null,
                "{\"user\":\"" + USER + "\",\"email\":\"demo-user@alertstream.local\",\"password\":\"" + PASSWORD + "\"}", 201);

        try (Browser browser = new Browser()) {
            browser.open(ready.group(2));
            browser.awaitUrl("/console/login?next=%2Fconsole%2Falerts");
            assertThat(browser.find("#password").isDisplayed()).isTrue();
            browser.find("#user").sendKeys(USER);
            browser.screenshot("login");
            browser.find("#password").sendKeys(PASSWORD);
            browser.find("button[type=submit]").click();
            browser.awaitUrl("/console/alerts");

            WebElement alert = browser.await(Duration.ofMinutes(2), "the demo alert firing", d -> demoAlert(browser));
            assertThat(alert.getText()).contains("owners", USER).contains("firing for");
            browser.screenshot("alerts");

            alert.findElement(By.cssSelector("a.alert-summary")).click();
            browser.await(Duration.ofSeconds(15), "the alert's page", d -> d.getCurrentUrl().contains("/console/alert?key="));
            assertThat(browser.find("table.transitions tbody").getText()).contains("FIRING");
            assertThat(browser.mainText()).contains("Rule demo-checkout-errors");
            browser.screenshot("alert-detail");

            browser.find(".actions a.button").click(); // Silence…
            browser.await(Duration.ofSeconds(15), "the new silence's form", d -> d.getCurrentUrl().contains("/console/silences/new?"));
            assertThat(browser.find("#matchers").getAttribute("value")).contains("rule=demo-checkout-errors", "service=checkout");
            browser.find("#comment").sendKeys("rolling back the checkout deploy");
            browser.screenshot("silence-new");
            browser.find("input[name=duration][value='1h']").click();
            browser.find("form.silence button[type=submit]").click();
            browser.await(Duration.ofSeconds(15), "the silences list", d -> d.getCurrentUrl().contains("/console/silences?created="));
            assertThat(browser.find("tr.new").getText()).contains("active", "rule=demo-checkout-errors", USER);
            browser.screenshot("silences");

            browser.find("nav").findElement(By.linkText("Targets")).click();
            browser.awaitUrl("/console/targets");
            // The probe connector checks the demo targets every 5 s once the Connect worker runs: both get a bar and a sparkline.
            browser.await(Duration.ofMinutes(2), "both demo targets checked", d -> browser.all("li.target svg.sparkline").size() == 2 ? true : null);
            assertThat(browser.find("ul.targets").getText()).contains("/healthy", "/flaky", USER);
            browser.screenshot("targets");

            browser.find("nav").findElement(By.linkText("Rules")).click();
            browser.awaitUrl("/console/rules");
            assertThat(browser.find("table.rules").getText()).contains("demo-checkout-errors", "uptime-failures");
            browser.screenshot("rules");
            assertThat(browser.severeConsoleMessages(m -> false)).as("no JavaScript errors on dev's console").isEmpty();
        }
        boolean update = Boolean.getBoolean("alertstream.screenshots.update");
        for (String view : VIEWS) {
            Path shot = Browser.SCREENSHOTS.resolve(view + ".png");
            assertThat(shot).as("the screenshot of " + view).isNotEmptyFile();
            if (update) {
                Files.createDirectories(DOCS);
                Files.copy(shot, DOCS.resolve(view + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        LOG.info("Screenshots of {} in {}{} after {} s", VIEWS, Browser.SCREENSHOTS, update ? " and " + DOCS : "",
                (System.nanoTime() - started) / 1_000_000_000);
    }

    /** The demo rule's alert in the live list, or null (the list may be re-rendered while it is read: then null, and asked again). */
    private static WebElement demoAlert(Browser browser) {
        try {
            return browser.all("li.alert").stream().filter(e -> e.getText().contains("rule=demo-checkout-errors")).findFirst().orElse(null);
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return null;
        }
    }
}
