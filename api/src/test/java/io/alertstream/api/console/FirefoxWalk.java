package io.alertstream.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The console walked in Debian's {@code firefox-esr} by {@code src/test/firefox/console-check.mjs}: puppeteer-core from the
 * npm registry ({@code npm ci} of the committed lock file into {@code target/firefox-console/}, no browser downloaded)
 * drives Firefox over WebDriver BiDi, which Firefox speaks itself, so no geckodriver is needed. Input: the console's URL
 * and a login; the script reports each step on stdout as one JSON line. Output: its final report (what each view showed,
 * every console error, page error and failed request). Install with {@code apt-get install -y firefox-esr nodejs npm}.
 */
final class FirefoxWalk implements AutoCloseable {
    static final Path FIREFOX = Path.of(System.getProperty("console.it.firefox", "/usr/bin/firefox-esr"));
    static final Path NODE = Path.of(System.getProperty("console.it.node", "/usr/bin/node"));
    static final Path SOURCES = Path.of("src", "test", "firefox");
    static final Path WORK = Path.of("target", "firefox-console");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process node;
    private final BufferedReader out;
    private final Writer in;
    /** The script's report once read (it may come while waiting for a step the script never reached). */
    private JsonNode lastReport;

    private FirefoxWalk(Process node) {
        this.node = node;
        this.out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Installs the script's packages (once per lock file) and starts the walk against {@code url}. */
    static FirefoxWalk start(String url, String user, String password) throws IOException, InterruptedException {
        if (!Files.isExecutable(FIREFOX) || !Files.isExecutable(NODE)) {
            throw new IllegalStateException("The console's Firefox test needs " + FIREFOX + " and " + NODE
                    + ": apt-get install -y firefox-esr nodejs npm");
        }
        install();
        ProcessBuilder pb = new ProcessBuilder(NODE.toString(), "console-check.mjs", url, user, password).directory(WORK.toFile())
                .redirectError(WORK.resolve("console-check.stderr.log").toFile());
        pb.environment().put("FIREFOX", FIREFOX.toString());
        return new FirefoxWalk(pb.start());
    }

    /** {@code npm ci} into target/, skipped when the packages of the committed lock file are already there (a rerun costs nothing). */
    private static void install() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        for (String f : List.of("package.json", "package-lock.json", "console-check.mjs")) {
            Files.copy(SOURCES.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        Path installed = WORK.resolve("node_modules").resolve(".installed-from-lock");
        if (Files.exists(installed) && Files.mismatch(installed, WORK.resolve("package-lock.json")) == -1) {
            return;
        }
        ProcessBuilder pb = new ProcessBuilder(NODE.resolveSibling("npm").toString(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(WORK.toFile()).redirectErrorStream(true).redirectOutput(WORK.resolve("npm-ci.log").toFile());
        // The browser is Debian's: puppeteer must not fetch one of its own.
        pb.environment().put("PUPPETEER_SKIP_DOWNLOAD", "true");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("npm ci failed in " + WORK + ": " + Files.readString(WORK.resolve("npm-ci.log")));
        }
        Files.copy(WORK.resolve("package-lock.json"), installed, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits for the script's line {@code {"step":step}}; null when it ended first (its report then says why). */
    JsonNode awaitStep(String step) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            JsonNode n = JSON.readTree(line);
            if (step.equals(n.path("step").asText(null))) {
                return n;
            }
            if (n.has("report")) {
                lastReport = n.get("report");
                return null;
            }
        }
        return null;
    }

    /** Lets the script go on past a step. */
    void proceed() throws IOException {
        in.write("go\n");
        in.flush();
    }

    /** The script's final report (it bounds each of its steps, so it always ends with one unless it crashed). */
    JsonNode report() throws IOException, InterruptedException {
        for (String line; lastReport == null && (line = out.readLine()) != null; ) {
            JsonNode n = JSON.readTree(line);
            if (n.has("report")) {
                lastReport = n.get("report");
            }
        }
        if (lastReport == null) {
            throw new IllegalStateException("the Firefox walk gave no report; see " + WORK.resolve("console-check.stderr.log"));
        }
        node.waitFor(30, TimeUnit.SECONDS);
        return lastReport;
    }

    @Override
    public void close() {
        node.destroy();
    }
}
