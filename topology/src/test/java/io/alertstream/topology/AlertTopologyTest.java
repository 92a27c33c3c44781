package io.alertstream.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.testing.AlertHarness;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The topology's alert semantics, through TopologyTestDriver. Event times are offsets from T0. */
class AlertTopologyTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String COUNT_5XX = """
            rules:
              - id: checkout-5xx
                summary: "{{group.service}} has {{value}} errors ({{level}}, threshold {{threshold}})"
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 3}
                  critical: {above: 6}
                owners: [alice]
                recipients: {warning: [ops@example.com], critical: [pager@example.com]}
                labels: {team: payments}
            """;

    private AlertHarness harness = new AlertHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private static Instant at(String offset) {
        return T0.plus(io.alertstream.topology.sourcefile.Durations.parse(offset));
    }

    private void errors(String service, int n, String from) {
        for (int i = 0; i < n; i++) {
            harness.send(at(from).plusSeconds(i), Map.of("service", service, "status", 500));
        }
    }

    /** An event for no rule, only to move event time (and so the watermark) forward. */
    private void tick(String offset) {
        harness.send(at(offset), Map.of("service", "other", "status", 200));
    }

    @Test
    void shouldFireAtFirstCrossingAndResolveWhenAWindowClosesUnderThreshold() {
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 3, "10s");
        assertThat(harness.alerts()).isEmpty();

        errors("checkout", 1, "20s");
        List<Alert> fired = harness.alerts();
        assertThat(fired).hasSize(1);
        Alert a = fired.get(0);
        assertThat(a.status()).isEqualTo("FIRING");
        assertThat(a.level()).isEqualTo("warning");
        assertThat(a.previousLevel()).isNull();
        assertThat(a.alertKey()).isEqualTo("checkout-5xx|service=\"checkout\"");
        assertThat(a.ruleId()).isEqualTo("checkout-5xx");
        assertThat(a.group()).containsEntry("service", "checkout");
        assertThat(a.value()).isEqualTo(4.0);
        assertThat(a.threshold()).isEqualTo(3.0);
        assertThat(a.window()).isEqualTo(new Alert.AlertWindow("2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"));
        assertThat(a.at()).isEqualTo("2026-01-01T00:00:20Z");
        assertThat(a.startsAt()).isEqualTo("2026-01-01T00:00:20Z");
        assertThat(a.summary()).isEqualTo("checkout has 4 errors (warning, threshold 3)");
        assertThat(a.labels()).containsEntry("team", "payments");
        assertThat(a.owners()).containsExactly("alice");
        assertThat(a.recipients()).containsExactly("ops@example.com");
        assertThat(a.id()).isNotBlank();

        tick("1m30s"); // window [0,1m) closes with 4: still firing, nothing repeated
        assertThat(harness.alerts()).isEmpty();
        tick("2m5s"); // window [1m,2m) closes empty: resolved
        List<Alert> resolved = harness.alerts();
        assertThat(resolved).extracting(Alert::status, Alert::level, Alert::previousLevel, Alert::at)
                .containsExactly(tuple("RESOLVED", null, "warning", "2026-01-01T00:02:00Z"));
        assertThat(resolved.get(0).value()).isEqualTo(0.0);
        assertThat(resolved.get(0).id()).isNotEqualTo(a.id());
    }

    @Test
    void shouldStillResolveAfterItsRuleWasBrieflyDisabledWhileAWindowClosed() {
        harness.close();
        Properties props = new Properties();
        // The wall clock follows the events here: re-enabled long before any retirement runs.
        props.put(AlertTopologyConfig.PREFIX + "rules.check.interval", "1h");
        harness = new AlertHarness(AlertTopologyConfig.from(props), T0);
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 4, "10s");
        assertThat(harness.alerts()).extracting(Alert::status).containsExactly("FIRING");

        harness.publish(Rules.of(COUNT_5XX.replace("group_by: [service]", "group_by: [service]\n    enabled: false")));
        tick("1m30s"); // window [0,1m) falls due while the rule is disabled
        harness.publish(Rules.of(COUNT_5XX));
        tick("1m40s");
        tick("3m");
        assertThat(harness.alerts()).as("checkout went quiet: re-enabled, the rule closes its windows and resolves")
                .extracting(Alert::status, Alert::at).containsExactly(tuple("RESOLVED", "2026-01-01T00:02:00Z"));
    }

    @Test
    void shouldEscalateAndDeEscalateOneTransitionAtATime() {
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 7, "0s");
        errors("checkout", 4, "1m10s"); // next window: warning level only
        tick("2m1s");                    // closes [0,1m) (critical holds) and [1m,2m) (warning)
        tick("3m1s");                    // closes [2m,3m) empty
        assertThat(harness.alerts()).extracting(Alert::status, Alert::level, Alert::previousLevel)
                .containsExactly(
                        tuple("FIRING", "warning", null),
                        tuple("FIRING", "critical", "warning"),
                        tuple("FIRING", "warning", "critical"),
                        tuple("RESOLVED", null, "warning"));
    }

    @Test
    void shouldHoldWithHysteresisUntilTheClearThreshold() {
        harness.publish(Rules.of("""
                rules:
                  - id: hyst
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 10, clear_below: 5}
                """));
        errors("a", 11, "0s");
        errors("a", 7, "1m0s");   // 7: under 10 but not under 5, holds
        errors("a", 4, "2m0s");   // 4: clears
        tick("3m1s");
        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::status).containsExactly("FIRING", "RESOLVED");
        assertThat(alerts.get(1).value()).isEqualTo(4.0);
        assertThat(alerts.get(1).threshold()).isEqualTo(5.0);
        assertThat(alerts.get(1).window().start()).isEqualTo("2026-01-01T00:02:00Z");
    }

    @Test
    void shouldFireOnlyAfterForConsecutiveBreachingWindows() {
        harness.publish(Rules.of("""
                rules:
                  - id: sustained
                    filter: event.status >= 500
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 3}
                    for: 1
                """));
        errors("a", 5, "0s");
        tick("1m0s");
        assertThat(harness.alerts()).as("one breaching window is not enough with for: 1").isEmpty();
        errors("a", 4, "1m1s");
        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::status, Alert::at).containsExactly(tuple("FIRING", "2026-01-01T00:01:04Z"));
    }

    @Test
    void shouldCountEachEventInEveryHoppingWindowItFallsIn() {
        harness.publish(Rules.of("""
                rules:
                  - id: hop
                    window: {size: 1m, advance: 30s}
                    aggregate: count
                    triggers:
                      warning: {above: 3}
                """));
        errors("a", 4, "40s");
        tick("1m35s");
        tick("2m30s");
        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::status).containsExactly("FIRING", "RESOLVED");
        // Windows are judged in order: the run of breaching windows starts at the earliest one.
        assertThat(alerts.get(0).window().start()).isEqualTo("2026-01-01T00:00:00Z");
        List<Counter> counters = harness.counters().stream().map(TestRecord::value).filter(c -> c.ruleId().equals("hop")).toList();
        assertThat(counters).extracting(Counter::windowStart, Counter::value).contains(
                tuple("2026-01-01T00:00:00Z", 4.0), tuple("2026-01-01T00:00:30Z", 4.0));
    }

    @Test
    void shouldComputeEveryAggregateAndPublishItOnCounters() {
        harness.publish(Rules.of("""
                rules:
                  - {id: a-sum, window: {size: 1m}, aggregate: {function: sum, field: ms}, triggers: {warning: {above: 1000}}}
                  - {id: a-avg, window: {size: 1m}, aggregate: {function: avg, field: ms}, triggers: {warning: {above: 1000}}}
                  - {id: a-min, window: {size: 1m}, aggregate: {function: min, field: ms}, triggers: {warning: {above: 1000}}}
                  - {id: a-max, window: {size: 1m}, aggregate: {function: max, field: ms}, triggers: {warning: {above: 1000}}}
                  - {id: a-distinct, window: {size: 1m}, aggregate: {function: distinct_count, field: user}, triggers: {warning: {above: 1000}}}
                  - {id: a-p50, window: {size: 1m}, aggregate: {function: p50, field: ms}, triggers: {warning: {above: 1000}}}
                  - {id: a-p99, window: {size: 1m}, aggregate: {function: p99, field: ms}, triggers: {warning: {above: 1000}}}
                  - {id: a-count, window: {size: 1m}, aggregate: count, triggers: {warning: {above: 1000}}}
                """));
        String[] users = {"u1", "u2", "u1", "u3"};
        for (int i = 0; i < 4; i++) {
            harness.send(at("10s").plusSeconds(i), Map.of("ms", (i + 1) * 10, "user", users[i]));
        }
        harness.send(at("1m5s"), Map.of("noise", true));
        Map<String, Double> finals = new java.util.HashMap<>();
        for (TestRecord<String, Counter> r : harness.counters()) {
            if (r.value().windowStart().equals("2026-01-01T00:00:00Z")) {
                finals.put(r.value().ruleId(), r.value().value());
                assertThat(r.key()).isEqualTo(r.value().ruleId() + "||" + Instant.parse(r.value().windowStart()).toEpochMilli());
                assertThat(r.timestamp()).as("stamped with the window start: a future end would be refused by the broker")
                        .isEqualTo(Instant.parse(r.value().windowStart()).toEpochMilli());
            }
        }
        assertThat(finals).containsEntry("a-sum", 100.0).containsEntry("a-avg", 25.0).containsEntry("a-min", 10.0)
                .containsEntry("a-max", 40.0).containsEntry("a-distinct", 3.0).containsEntry("a-count", 4.0);
        assertThat(finals.get("a-p50")).isCloseTo(20.0, org.assertj.core.data.Percentage.withPercentage(2));
        // DDSketch's quantile is the value at rank q*(n-1) rounded down: p99 of 4 values is the 3rd.
        assertThat(finals.get("a-p99")).isCloseTo(30.0, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void shouldFireOnPercentileAboveThresholdPerGroup() {
        harness.publish(Rules.of("""
                rules:
                  - id: p95-latency
                    group_by: [http.route]
                    window: {size: 1m}
                    aggregate: {function: p95, field: latency_ms}
                    triggers:
                      critical: {above: 500}
                """));
        for (int i = 0; i < 19; i++) {
            harness.send(at("1s").plusSeconds(i), Map.of("http", Map.of("route", "/pay"), "latency_ms", 100));
        }
        assertThat(harness.alerts()).isEmpty();
        harness.send(at("30s"), Map.of("http", Map.of("route", "/pay"), "latency_ms", 900));
        harness.send(at("31s"), Map.of("http", Map.of("route", "/pay"), "latency_ms", 900));
        assertThat(harness.alerts()).as("a percentile is judged when its window closes: later events could lower it").isEmpty();
        tick("1m1s");
        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::level, Alert::alertKey).containsExactly(tuple("critical", "p95-latency|http.route=\"/pay\""));
        assertThat(alerts.get(0).value()).isCloseTo(900.0, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void shouldGroupEventsMissingAGroupFieldUnderNull() {
        harness.publish(Rules.of(COUNT_5XX));
        for (int i = 0; i < 4; i++) {
            harness.send(at("1s").plusSeconds(i), Map.of("status", 503));
        }
        List<Alert> alerts = harness.alerts();
        assertThat(alerts).extracting(Alert::alertKey).containsExactly("checkout-5xx|service=null");
        assertThat(alerts.get(0).group()).containsEntry("service", null);
        assertThat(alerts.get(0).summary()).startsWith("null has 4 errors");
    }

    @Test
    void shouldNotMatchNorCrashOnEventsLackingAFilteredField() {
        harness.publish(Rules.of(COUNT_5XX));
        for (int i = 0; i < 10; i++) {
            harness.send(at("1s").plusSeconds(i), Map.of("service", "checkout"));
        }
        harness.send(at("20s"), Map.of("service", "checkout", "status", "oops")); // type clash: skipped, counted
        assertThat(harness.alerts()).isEmpty();
        assertThat(harness.deadLetters()).isEmpty();
        assertThat(metric("filter-errors-total")).isEqualTo(1.0);
    }

    @Test
    void shouldAcceptOutOfOrderEventsWithinGraceAndDropLaterOnes() {
        harness.publish(Rules.of("""
                rules:
                  - id: graceful
                    window: {size: 1m, grace: 30s}
                    aggregate: count
                    triggers:
                      warning: {above: 2}
                """));
        errors("a", 2, "40s");
        tick("1m10s");
        errors("a", 1, "50s");   // 20 s behind the watermark, within grace: counts, crosses 2
        assertThat(harness.alerts()).extracting(Alert::status, Alert::value).containsExactly(tuple("FIRING", 3.0));
        tick("2m0s");            // [0,1m) closed at 1m30s
        errors("a", 1, "55s");   // too late: dropped, counted
        assertThat(metric("dropped-late-total")).isEqualTo(1.0);
        List<Counter> window0 = harness.counters().stream().map(TestRecord::value)
                .filter(c -> c.ruleId().equals("graceful") && c.windowStart().equals("2026-01-01T00:00:00Z")).toList();
        assertThat(window0.get(window0.size() - 1).value()).isEqualTo(3.0);
    }

    @Test
    void shouldResolveWhenEventsStopEntirely() {
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 4, "0s");
        assertThat(harness.alerts()).hasSize(1);
        harness.advance(Duration.ofSeconds(20));
        assertThat(harness.alerts()).as("not before the idle timeout").isEmpty();
        harness.advance(Duration.ofMinutes(3));
        assertThat(harness.alerts()).extracting(Alert::status).containsExactly("RESOLVED");
    }

    @Test
    void shouldEvaluateEveryRuleAnEventMatches() {
        harness.publish(Rules.of(COUNT_5XX + """
                  - id: any-error
                    filter: event.status >= 400
                    window: {size: 1m}
                    aggregate: count
                    triggers:
                      warning: {above: 3}
                """));
        errors("checkout", 4, "0s");
        assertThat(harness.alerts()).extracting(Alert::ruleId).containsExactlyInAnyOrder("checkout-5xx", "any-error");
    }

    @Test
    void shouldApplyARuleUpdateAndResolveOnRuleDeletion() {
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 3, "0s");
        assertThat(harness.alerts()).isEmpty();
        harness.publish(Rules.of(COUNT_5XX.replace("above: 3", "above: 1")));
        errors("checkout", 1, "5s"); // same window, threshold edits keep the window's state: 4 > 1
        assertThat(harness.alerts()).extracting(Alert::status, Alert::threshold).containsExactly(tuple("FIRING", 1.0));
        harness.deleteRule("checkout-5xx");
        harness.advance(Duration.ofSeconds(2));
        List<Alert> resolved = harness.alerts();
        assertThat(resolved).extracting(Alert::status, Alert::previousLevel).containsExactly(tuple("RESOLVED", "warning"));
        errors("checkout", 5, "10s");
        assertThat(harness.alerts()).as("a deleted rule evaluates nothing").isEmpty();
    }

    @Test
    void shouldStartAfreshWhenARulesWindowChanges() {
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 3, "0s");
        harness.publish(Rules.of(COUNT_5XX.replace("window: {size: 1m}", "window: {size: 2m}")));
        errors("checkout", 1, "5s");
        assertThat(harness.alerts()).as("the 3 earlier events belonged to the old window definition").isEmpty();
        errors("checkout", 3, "6s");
        assertThat(harness.alerts()).extracting(Alert::value, Alert::window)
                .containsExactly(tuple(4.0, new Alert.AlertWindow("2026-01-01T00:00:00Z", "2026-01-01T00:02:00Z")));
    }

    @Test
    void shouldKeepThePreviousVersionWhenAnInvalidRuleArrives() {
        harness.publish(Rules.of(COUNT_5XX));
        harness.publishRaw("checkout-5xx", "{\"id\": \"checkout-5xx\", \"window\": {\"size\": \"soon\"}}");
        errors("checkout", 4, "0s");
        assertThat(harness.alerts()).extracting(Alert::status).containsExactly("FIRING");
    }

    @Test
    void shouldSendBadInputToTheDeadLetterTopicWithReasonsAndGoOn() {
        Properties p = new Properties();
        p.put("alertstream.event.max.bytes", "200");
        harness.close();
        harness = new AlertHarness(AlertTopologyConfig.from(p), T0);
        harness.publish(Rules.of("""
                rules:
                  - id: slow
                    window: {size: 1m}
                    aggregate: {function: max, field: ms}
                    triggers:
                      warning: {above: 100}
                """));
        harness.driver().createInputTopic("events", new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer()).pipeInput(new TestRecord<>(null,
                "{not json".getBytes(StandardCharsets.UTF_8),
                new org.apache.kafka.common.header.internals.RecordHeaders().add("trace-id", "t-1".getBytes(StandardCharsets.UTF_8)),
                at("1s")));
        harness.sendRaw(at("2s"), "[1,2]".getBytes(StandardCharsets.UTF_8));
        harness.sendRaw(at("3s"), "{\"timestamp\": \"yesterday\"}".getBytes(StandardCharsets.UTF_8));
        harness.sendRaw(at("4s"), "{\"timestamp\": true}".getBytes(StandardCharsets.UTF_8));
        harness.sendRaw(at("5s"), ("{\"pad\": \"" + "x".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8));
        harness.sendRaw(at("6s"), "{\"ms\": \"120\"}".getBytes(StandardCharsets.UTF_8));
        harness.send(at("7s"), Map.of("ms", 150));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters();
        assertThat(dead).extracting(r -> header(r, DeadLetters.ERROR_TYPE))
                .containsExactly("malformed-json", "not-an-object", "bad-timestamp", "wrong-type", "oversize", "wrong-type");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(header(dead.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo("events");
        assertThat(header(dead.get(0), DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(dead.get(0), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(dead.get(0), "trace-id")).as("the producer's own headers are kept").isEqualTo("t-1");
        assertThat(header(dead.get(2), DeadLetters.ERROR_MESSAGE)).contains("'yesterday'", "ISO-8601");
        assertThat(header(dead.get(5), DeadLetters.RULE)).isEqualTo("slow");
        assertThat(header(dead.get(5), DeadLetters.ERROR_MESSAGE)).contains("field 'ms'", "must be a number");
        assertThat(header(dead.get(5), DeadLetters.SOURCE_OFFSET)).isEqualTo("5");
        assertThat(harness.alerts()).extracting(Alert::status, Alert::value).containsExactly(tuple("FIRING", 150.0));
        assertThat(metric("dead-lettered-total")).isEqualTo(5.0);
    }

    @Test
    void shouldAcceptEpochMillisAndOffsetTimesAsEventTime() {
        harness.publish(Rules.of(COUNT_5XX));
        long ms = at("10s").toEpochMilli();
        harness.send(T0, Map.of("service", "s", "status", 500, "timestamp", ms));
        harness.send(T0, Map.of("service", "s", "status", 500, "timestamp", "2026-01-01T01:00:11+01:00"));
        harness.send(T0, Map.of("service", "s", "status", 500, "timestamp", ms + 2000));
        harness.send(T0, Map.of("service", "s", "status", 500, "timestamp", ms + 3000));
        assertThat(harness.alerts()).extracting(Alert::at).containsExactly("2026-01-01T00:00:13Z");
    }

    @Test
    void shouldDeliverAFiringAlertToEachOwnersDigest() {
        harness.publish(Rules.of(COUNT_5XX));
        errors("checkout", 4, "0s");
        assertThat(harness.alerts()).hasSize(1);
        var requests = harness.driver().createInputTopic("send-alarm-digest",
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.StringSerializer());
        var digests = harness.driver().createOutputTopic("alarm-digest",
                new org.apache.kafka.common.serialization.StringDeserializer(), new org.apache.kafka.common.serialization.StringDeserializer());
        requests.pipeInput(null, "{\"UserID\":\"alice\"}");
        harness.advance(Duration.ofSeconds(1));
        List<org.apache.kafka.streams.KeyValue<String, String>> out = digests.readKeyValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo("alice");
        assertThat(out.get(0).value).contains("\"AlarmID\":\"checkout-5xx|service=\\\"checkout\\\"\"")
                .contains("\"Status\":\"WARNING\"").contains("\"LatestChangedAt\":\"2026-01-01T00:00:03Z\"");
        requests.pipeInput(null, "{\"UserID\":\"alice\"}");
        assertThat(digests.readValuesToList()).as("not sent twice while unchanged").containsExactly("{\"UserID\":\"alice\",\"ActiveAlarms\":[]}");
    }

    private double metric(String name) {
        return harness.driver().metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }

    private static String header(TestRecord<byte[], byte[]> r, String key) {
        var h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
