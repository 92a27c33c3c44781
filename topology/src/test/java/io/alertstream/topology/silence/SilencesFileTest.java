package io.alertstream.topology.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import org.junit.jupiter.api.Test;

/** {@code silences.yaml}: silences as code, every problem at file:line:column. */
class SilencesFileTest {

    @Test
    void shouldReadSilencesWithTheirMatchersAndEnds() {
        SilencesFile.Result r = SilencesFile.read("silences.yaml", """
                silences:
                  - id: db-failover
                    matchers: ["service=db", "level=warning", "team=~pay.*", "env!=dev", "host!~canary-.*"]
                    starts_at: 2026-12-24T02:00:00Z
                    ends_at: 2026-12-24T04:00:00Z
                    created_by: alice
                    comment: planned failover
                  - id: flaky-check
                    matchers: [rule=checkout-latency]
                    until: resolved
                    created_by: bob
                    notify_email: bob@example.com
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(r.silences()).extracting(Silence::id).containsExactly("db-failover", "flaky-check");
        Silence first = r.silences().get(0);
        assertThat(first.matchers()).hasSize(5);
        assertThat(first.startsAt()).isEqualTo("2026-12-24T02:00:00Z");
        assertThat(first.endsAt()).isEqualTo("2026-12-24T04:00:00Z");
        assertThat(r.silences().get(1).untilResolved()).isTrue();
        assertThat(r.silences().get(1).endsAt()).isNull();
    }

    @Test
    void shouldReportEveryProblemAtFileLineColumn() {
        SilencesFile.Result r = SilencesFile.read("silences.yaml", """
                - id: a
                  matchers: ["service=db", "team=~(x)\\\\1"]
                  ends_at: 2026-12-24T04:00:00Z
                  created_by: alice
                - id: b
                  matchers: [service]
                  ends_at: tomorrow
                  created_by: alice
                - id: c
                  matchers: [service=db]
                  created_by: alice
                - id: a
                  matchers: [service=db]
                  until: fixed
                  created_by: alice
                  commnet: typo
                - id: e
                  matchers: [service=db]
                  starts_at: 2026-12-24T04:00:00Z
                  ends_at: 2026-12-24T02:00:00Z
                """);
        assertThat(r.silences()).isEmpty();
        assertThat(r.problems()).extracting(RuleProblem::toString).containsExactly(
                "silences.yaml:2:38: bad regular expression: invalid escape sequence at '\\1' (RE2 syntax: no backreferences)",
                "silences.yaml:6:14: bad matcher 'service': expected name=value, name!=value, name=~re2 or name!~re2",
                "silences.yaml:7:12: ends_at must be an ISO-8601 instant such as 2026-12-24T02:00:00Z",
                "silences.yaml:9:3: ends_at is required unless until: resolved",
                "silences.yaml:16:3: unknown key 'commnet' in a silence (known: comment, created_by, ends_at, id, matchers, notify_email, starts_at, until)",
                "silences.yaml:12:7: duplicate silence id 'a' (first at line 1)",
                "silences.yaml:14:10: until must be 'resolved' (or left out, with an ends_at)",
                "silences.yaml:20:12: ends_at must be after starts_at",
                "silences.yaml:17:3: created_by must name who made the silence (1 to 128 characters)");
    }
}
