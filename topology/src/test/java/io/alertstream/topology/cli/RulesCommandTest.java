package io.alertstream.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alertstream rules validate} and {@code rules test}, as a user runs them. */
class RulesCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void shouldAcceptTheShippedRules() {
        assertThat(run("rules", "validate", "../rules")).isZero();
        assertThat(out.toString()).startsWith("OK: 7 rules in 5 files")
                .as("what the shipped rules' owners and recipients become")
                .contains("rule demo-checkout-errors: owner demo-user -> digest route to receiver 'demo-user'",
                        "rule demo-checkout-errors: recipients.warning -> immediate email route at level warning to demo@alertstream.local");
    }

    @Test
    void shouldReportEveryProblemAndExitNonZero() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                rules:
                  - id: ok-rule
                    window: {size: 1m}
                    aggregate: count
                    triggers: {warning: {above: 1}}
                  - id: broken
                    filter: event.x >
                    window: {size: 1 minute}
                    aggregate: median
                    triggers: {warning: {above: 1}}
                """);
        assertThat(run("rules", "validate", dir.toString())).isEqualTo(1);
        String file = dir.resolve("bad.yaml").toString();
        assertThat(err.toString()).contains(
                file + ":7:22: filter: mismatched input '<EOF>'",
                file + ":8:20: bad duration '1 minute'",
                file + ":9:16: unknown aggregate 'median'",
                "3 problem(s) in " + dir);
    }

    @Test
    void shouldValidateTheRoutingFileBesideTheRules() throws Exception {
        Files.copy(Path.of("../rules/demo.yaml"), dir.resolve("demo.yaml"));
        Files.writeString(dir.resolve("routing.yaml"), """
                receivers:
                  - {name: ops, email: {to: [ops@example.com]}}
                route:
                  receiver: opps
                """);
        assertThat(run("rules", "validate", dir.toString())).isEqualTo(1);
        assertThat(err.toString()).contains(dir.resolve("routing.yaml") + ":4:13: unknown receiver 'opps'");
        Files.writeString(dir.resolve("routing.yaml"), "receivers: [{name: ops, email: {to: [ops@example.com]}}]\nroute: {receiver: ops}\n");
        assertThat(run("rules", "validate", dir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("OK: 1 rules in 1 files, routing routing.yaml");
    }

    @Test
    void shouldRunTheShippedRuleTests() {
        assertThat(run("rules", "test", "../rules")).as(out.toString()).isZero();
        assertThat(out.toString()).contains("PASS ../rules/tests/http-errors.test.yaml").contains("PASS ../rules/tests/uptime-failures.test.yaml").contains("7 passed, 0 failed");
    }

    @Test
    void shouldShowADiffWhenARuleTestFails() throws Exception {
        Files.copy(Path.of("../rules/auth.yaml"), dir.resolve("auth.yaml"));
        Files.createDirectory(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/auth.test.yaml"), """
                rule_files: [../auth.yaml]
                input:
                  - {at: 0s, event: {type: login, outcome: failure, user: eve}, repeat: 20}
                expect:
                  - {rule: failed-logins-per-user, status: FIRING, group: {user: mallory}}
                """);
        assertThat(run("rules", "test", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL").contains("expected 1, got 0").contains("#1 MISSING");
    }

    @Test
    void shouldShowNumbersInADiffAsPeopleWriteThemWithEveryDigitThatDiffers() throws Exception {
        Files.copy(Path.of("../rules/http-errors.yaml"), dir.resolve("http-errors.yaml"));
        Files.createDirectory(dir.resolve("tests"));
        Files.writeString(dir.resolve("tests/http.test.yaml"), """
                rule_files: [../http-errors.yaml]
                input:
                  - {at: 0s, event: {service: checkout, status: 503}, repeat: 11}
                expect:
                  - {rule: http-5xx-per-service, status: FIRING, level: warning, value: 12}
                """);
        assertThat(run("rules", "test", dir.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("value: expected 12, got 11\n").contains("value=11 at=").doesNotContain("11.0");
    }
}
