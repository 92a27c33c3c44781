package io.alertstream.topology.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.sourcefile.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingReaderTest {

    @Test
    void shouldReadReceiversAndInheritRouteSettings() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", """
                receivers:
                  - name: team
                    email: {to: [a@example.com, b@example.com], cc: c@example.com}
                    webhooks: [{url: "https://hooks.example.com/x", format: slack, timeout: 3s}]
                    digest_interval: 1h
                route:
                  receiver: team
                  group_by: [service]
                  group_wait: 10s
                  send_resolved: false
                  routes:
                    - match: {team: payments}
                      match_re: {service: "check.*"}
                      levels: [critical]
                      repeat_interval: 30m
                      routes:
                        - {match: {env: prod}, mode: digest}
                """);
        assertThat(r.problems()).isEmpty();
        Receiver team = r.spec().receiver("team");
        assertThat(team.email().to()).containsExactly("a@example.com", "b@example.com");
        assertThat(team.email().cc()).containsExactly("c@example.com");
        assertThat(team.webhooks()).containsExactly(new Receiver.Webhook("https://hooks.example.com/x", "slack", Duration.ofSeconds(3)));
        assertThat(r.spec().digestSchedules()).containsEntry("team", Duration.ofHours(1));
        Route child = r.spec().root().routes().get(0);
        assertThat(child.groupBy()).containsExactly("service");
        assertThat(child.groupWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(child.groupInterval()).isEqualTo(RoutingReader.DEFAULT_GROUP_INTERVAL);
        assertThat(child.repeatInterval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(child.sendResolved()).isFalse();
        Route grandChild = child.routes().get(0);
        assertThat(grandChild.mode()).isEqualTo(Route.Mode.DIGEST);
        assertThat(grandChild.repeatInterval()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void shouldMatchLikeAlertmanagerDeepestFirstWithContinue() {
        RoutingSpec spec = RoutingReader.read("routing.yaml", """
                receivers:
                  - {name: root, email: {to: [r@example.com]}}
                  - {name: a, email: {to: [a@example.com]}}
                  - {name: b, email: {to: [b@example.com]}}
                  - {name: c, email: {to: [c@example.com]}}
                route:
                  receiver: root
                  routes:
                    - match: {team: x}
                      receiver: a
                      continue: true
                      routes: [{levels: [critical], receiver: c}]
                    - {match_re: {service: "pay.*"}, receiver: b}
                """).spec();
        assertThat(receivers(spec, Map.of("team", "x", "service", "payments"), "warning")).containsExactly("a", "b");
        assertThat(receivers(spec, Map.of("team", "x", "service", "cart"), "critical")).containsExactly("c");
        assertThat(receivers(spec, Map.of("team", "y", "service", "xpay"), "warning")).as("regex matches the whole value")
                .containsExactly("root");
    }

    @Test
    void shouldReportEveryProblemWithFileLineAndColumn() {
        RoutingReader.Result r = RoutingReader.read("routing.yaml", """
                receivers:
                  - name: team
                    email: {to: [not-an-address]}
                    webhook: []
                  - name: team
                    webhooks: [{url: "ftp://x", format: xml}]
                  - name: lonely
                route:
                  receiver: teem
                  match: {a: b}
                  group_wait: soon
                  routes:
                    - {match_re: {service: "(unclosed"}, receiver: lonely, mode: digest}
                    - {levels: [urgent], mode: sometimes, repeat_interval: 0s}
                """);
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).extracting(RuleProblem::toString).contains(
                "routing.yaml:3:18: 'not-an-address' in email.to is not an email address (name@domain)",
                "routing.yaml:4:5: unknown key 'webhook' in a receiver (known: digest_interval, email, name, webhooks)",
                "routing.yaml:5:11: duplicate receiver 'team' (first defined at line 2)",
                "routing.yaml:6:22: webhook url must be an absolute http:// or https:// URL (got scheme 'ftp')",
                "routing.yaml:6:41: unknown webhook format 'xml' (json or slack)",
                "routing.yaml:7:5: receiver 'lonely' has neither 'email' nor 'webhooks': give it at least one",
                "routing.yaml:9:13: unknown receiver 'teem' (receivers: team, lonely)",
                "routing.yaml:10:3: the root route takes every alert: 'match' belongs on a child route",
                "routing.yaml:11:15: bad duration 'soon' for group_wait (use e.g. 500ms, 30s, 5m, 1h, 1h30m, 1d)",
                "routing.yaml:13:29: bad regular expression: missing closing ) at '(unclosed'",
                "routing.yaml:13:66: mode digest sends alerts to receiver 'lonely' only through its digest, but it has no "
                        + "'digest_interval': give it one",
                "routing.yaml:14:16: unknown level 'urgent' in 'levels' (warning, critical)",
                "routing.yaml:14:32: unknown mode 'sometimes' (immediate or digest)",
                "routing.yaml:14:60: 'repeat_interval' must be more than 0");
    }

    @Test
    void shouldRefuseAFileWithoutRouteOrReceiversAndBadYaml() {
        assertThat(RoutingReader.read("r.yaml", "receivers: []\n").problems()).extracting(RuleProblem::toString)
                .contains("r.yaml:1:1: missing 'route:' (the root route, with at least a 'receiver')");
        assertThat(RoutingReader.read("r.yaml", "route: {receiver: x}\nroute: {}\n").problems()).isNotEmpty();
        assertThat(RoutingReader.read("r.yaml", "routes: [\n").problems().get(0).toString()).startsWith("r.yaml:2:1: invalid YAML");
        assertThat(RoutingReader.read("r.yaml", "").problems()).extracting(RuleProblem::message)
                .containsExactly("empty routing file: expected 'receivers:' and 'route:'");
    }

    @Test
    void shouldAcceptTheShippedRoutingFile() throws Exception {
        Path shipped = Path.of("..", "rules", RoutingFile.NAME);
        RoutingReader.Result r = RoutingReader.read(shipped.toString(), Files.readString(shipped));
        assertThat(r.problems()).isEmpty();
        assertThat(r.spec().digestSchedules()).containsKey("demo-user");
    }

    private static List<String> receivers(RoutingSpec spec, Map<String, String> labels, String level) {
        return spec.routesFor(labels, level).stream().map(Route::receiver).toList();
    }
}
