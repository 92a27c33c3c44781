package io.alertstream.topology.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation and defaults of a target (the API's bodies and {@code targets.yaml} share it), and the targets file's located problems. */
class TargetValidatorTest {

    private static List<String> fields(Map<String, Object> body) {
        return TargetValidator.validate(body, "alice").problems().stream().map(FieldProblem::field).toList();
    }

    @Test
    void shouldFillTheDefaults() {
        Target t = TargetValidator.validate(Map.of("url", "https://example.com/health"), "alice").target();
        assertThat(t.method()).isEqualTo("GET");
        assertThat(t.intervalMs()).isEqualTo(30_000);
        assertThat(t.timeoutMs()).isEqualTo(10_000);
        assertThat(t.expectedStatus()).isEqualTo(new Target.StatusRange(200, 399));
        assertThat(t.threshold()).isEqualTo(3);
        assertThat(t.latencyThresholdMs()).isNull();
        assertThat(t.bodyContains()).isNull();
        assertThat(t.owners()).containsExactly("alice");
        assertThat(t.maintenance()).isEmpty();
    }

    @Test
    void shouldKeepTheDefaultTimeoutBelowAShortInterval() {
        Target t = TargetValidator.validate(Map.of("url", "http://h", "interval", "5s"), "alice").target();
        assertThat(t.timeoutMs()).isEqualTo(2_500);
    }

    @Test
    void shouldNameEveryBadField() {
        assertThat(fields(Map.of("url", "ftp://example.com"))).containsExactly("url");
        assertThat(fields(Map.of())).containsExactly("url");
        assertThat(fields(Map.of("url", "http://h", "interval", "4s"))).containsExactly("interval");
        assertThat(fields(Map.of("url", "http://h", "interval", "10s", "timeout", "10s"))).containsExactly("timeout");
        assertThat(fields(Map.of("url", "http://h", "method", "BREW"))).containsExactly("method");
        assertThat(fields(Map.of("url", "http://h", "expected_status", Map.of("min", 400, "max", 200)))).containsExactly("expected_status");
        assertThat(fields(Map.of("url", "http://h", "expected_status", Map.of("min", 99, "max", 200)))).containsExactly("expected_status.min");
        assertThat(fields(Map.of("url", "http://h", "threshold", 0))).containsExactly("threshold");
        assertThat(fields(Map.of("url", "http://h", "latency_threshold", "11s"))).containsExactly("latency_threshold");
        assertThat(fields(Map.of("url", "http://h", "owners", List.of("Bob!")))).containsExactly("owners[0]");
        assertThat(fields(Map.of("url", "http://h", "maintenance", List.of(Map.of("start", "2026-12-01T02:00:00Z",
                "end", "2026-12-01T01:00:00Z"))))).containsExactly("maintenance[0]");
        assertThat(fields(Map.of("url", "http://h", "intervall", "30s"))).containsExactly("intervall");
        assertThat(fields(Map.of("url", "https://user:pw@h/"))).containsExactly("url");
    }

    @Test
    void shouldReadATargetsFileAndLocateItsProblems() {
        String yaml = """
                owner: ops
                targets:
                  - id: shop
                    url: https://shop.example.com/health
                    interval: 1m
                    maintenance:
                      - {start: 2026-12-01T02:00:00Z, end: 2026-12-01T03:00:00Z}
                  - id: broken
                    url: gopher://old.example.com
                  - id: mine
                    url: http://127.0.0.1:9/
                    owner: bob
                """;
        TargetsFile.Result r = TargetsFile.read("targets.yaml", yaml, "2026-12-01T00:00:00Z");
        assertThat(r.targets()).extracting(Target::id).containsExactly("shop", "mine");
        assertThat(r.targets().get(0).owner()).isEqualTo("ops");
        assertThat(r.targets().get(0).intervalMs()).isEqualTo(60_000);
        assertThat(r.targets().get(0).maintenance()).containsExactly(new Target.Maintenance("2026-12-01T02:00:00Z", "2026-12-01T03:00:00Z"));
        assertThat(r.targets().get(1).owner()).isEqualTo("bob");
        assertThat(r.problems()).hasSize(1);
        RuleProblem p = r.problems().get(0);
        assertThat(p.line()).isEqualTo(9);
        assertThat(p.column()).isEqualTo(10);
        assertThat(p.message()).contains("url").contains("http or https");
    }

    @Test
    void shouldTakeTheFirstOwnerWithoutAnOwnerAndRefuseDuplicateIds() {
        TargetsFile.Result r = TargetsFile.read("t.yaml", """
                - {id: a, url: "http://h/", owners: [carol, dave]}
                - {id: a, url: "http://h/", owners: [carol]}
                """, "2026-12-01T00:00:00Z");
        assertThat(r.targets()).singleElement().satisfies(t -> assertThat(t.owner()).isEqualTo("carol"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("duplicate target id 'a'");
        });
    }
}
