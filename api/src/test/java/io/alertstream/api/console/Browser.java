package io.alertstream.api.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for the console's browser tests: Debian's {@code chromium} driven through Debian's
 * {@code chromedriver}, both named by path, so Selenium Manager has nothing to find and downloads nothing. Screenshots
 * go to {@code target/console-screenshots/}. Install with {@code apt-get install -y chromium chromium-driver}. Public, and
 * shipped in the api module's test jar, for the devstack's test that photographs the console of {@code alertstream dev}.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("console.it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.it.chromedriver", "/usr/bin/chromedriver"));
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    public final ChromeDriver driver;

    public Browser() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": apt-get install -y chromium chromium-driver");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: tests run as root (CI too); chromium refuses its sandbox for root.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--lang=en-US", "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-sync");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** The visible text of the page's main part. */
    public String mainText() {
        return find("main").getText();
    }

    /** Waits up to {@code timeout} for {@code condition} to give a non-null, non-false value, and returns it. */
    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        // A live list re-rendered between finding an element and reading it leaves a stale reference: look again.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(200)).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    /** Waits for the browser to be at a URL that ends with {@code suffix} (a form's answer, a redirect), and returns it. */
    public String awaitUrl(String suffix) {
        return await(Duration.ofSeconds(15), "the browser at ..." + suffix, d -> d.getCurrentUrl().endsWith(suffix) ? d.getCurrentUrl() : null);
    }

    /**
     * The form controls of the page a screen reader could not name: no {@code <label>}, no {@code aria-label}, no
     * {@code aria-labelledby} (hidden inputs and buttons, named by their text, aside). Empty on an accessible form.
     */
    @SuppressWarnings("unchecked")
    public List<String> unlabelledControls() {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll('input, select, textarea'))"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))"
                + ".map(e => e.outerHTML);");
    }

    /** Saves a screenshot of what the browser shows now as {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Messages the page's scripts logged at SEVERE (JavaScript errors, refused resources), since the last call. */
    public List<String> severeConsoleMessages(java.util.function.Predicate<String> expected) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(expected.negate()).toList();
    }

    /**
     * A JUnit watcher that saves a screenshot of the page, named {@code prefix} and the failed test's method, under
     * {@link #SCREENSHOTS} (a build artifact) when a test fails; nothing when {@code browser} gives none yet.
     */
    public static TestWatcher screenshotOnFailure(Supplier<Browser> browser, String prefix) {
        return new TestWatcher() {
            @Override
            public void testFailed(ExtensionContext context, Throwable cause) {
                Browser b = browser.get();
                if (b != null) {
                    b.screenshot(prefix + context.getRequiredTestMethod().getName());
                }
            }
        };
    }

    @Override
    public void close() {
        driver.quit();
    }
}
