package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first contact with a cluster the project did not set up: a fresh broker that never
 * auto-creates topics, the README's commands run through the launcher with default topic names, in either
 * order: {@code rules apply} then {@code run}, or {@code run} then {@code rules apply}. Either way the
 * events sent with {@code produce} alert, and {@code tail} shows it.
 */
class FirstContactIT {
    private static final String RULE = """
            rules:
              - id: first-contact
                summary: "{{group.service}}: {{value}} errors"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 2}
            """;

    @TempDir
    Path tmp;
    private EmbeddedKafka kafka;
    private ChildJvm run;

    @BeforeEach
    void freshBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
        kafka.close();
    }

    @Test
    void shouldAlertWhenRulesAreAppliedBeforeTheFirstInstanceStarts() throws Exception {
        Path rules = rulesDir();
        Launcher.Result applied = Launcher.run(null, List.of("rules", "apply", rules.toString(), "--bootstrap-servers", kafka.bootstrapServers()));
        assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
        assertThat(applied.stdout()).contains("applied 1 rules");

        startRun();
        produceAndSeeTheAlert();
    }

    @Test
    void shouldAlertWhenTheFirstInstanceStartsBeforeRulesAreApplied() throws Exception {
        startRun();
        Path rules = rulesDir();
        Launcher.Result applied = Launcher.run(null, List.of("rules", "apply", rules.toString(), "--bootstrap-servers", kafka.bootstrapServers()));
        assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();

        produceAndSeeTheAlert();
    }

    private Path rulesDir() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("first.yaml"), RULE);
        return rules;
    }

    private void startRun() throws Exception {
        Path workDir = Files.createDirectories(tmp.resolve("cwd"));
        run = ChildJvm.start("run", ChildJvm.logDir(FirstContactIT.class), List.of("run", "--bootstrap-servers", kafka.bootstrapServers(),
                "--application-id", "first-contact-" + Long.toHexString(System.nanoTime())), Map.of("ALERTSTREAM_IDLE_TIMEOUT", "5s"), workDir);
        run.awaitLine(Pattern.compile("alertstream running: application.id="), Duration.ofMinutes(3));
    }

    private void produceAndSeeTheAlert() throws Exception {
        long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 60_000 * 60_000;
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            lines.append(event(t0 + 1_000 + i * 1_000, 503)).append('\n');
        }
        lines.append(event(t0 + 150_000, 200)).append('\n');
        Path events = tmp.resolve("events.jsonl");
        Files.writeString(events, lines);
        Launcher.Result produced = Launcher.run(events, List.of("produce", "--bootstrap-servers", kafka.bootstrapServers()));
        assertThat(produced.stdout()).as(produced.stderr()).contains("sent 4 event(s) to events");

        Launcher.Result tail = Launcher.run(null, List.of("tail", "alerts", "--from-beginning", "--max", "1", "--for", "2m",
                "--bootstrap-servers", kafka.bootstrapServers()));
        assertThat(tail.stdout()).as(run.tail(40)).contains("FIRING", "first-contact|service=\"checkout\"", "value 3 > 2");
    }

    private static String event(long time, int status) {
        return "{\"timestamp\":\"" + Instant.ofEpochMilli(time) + "\",\"service\":\"checkout\",\"status\":" + status + "}";
    }
}
