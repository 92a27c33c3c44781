package io.alertstream.topology.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertstream.topology.digest.AlarmDigest.ActiveAlarm;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingReader;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The digest rules: latest ChangedAt wins, one digest per request, each status reported once, order. */
class DigestSemanticsTest {
    private static final String T1 = "2021-06-07T20:40:15.000000001Z";
    private static final String T2 = "2021-06-07T20:40:15.000000002Z";
    private static final String T3 = "2021-06-07T20:41:00Z";
    private static final String T4 = "2021-06-07T20:42:00.5Z";

    private final DigestHarness harness = new DigestHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    /** (AlarmID, Status, LatestChangedAt) of each listed alarm, in order. */
    static List<Tuple> alarms(AlarmDigest digest) {
        return digest.activeAlarms().stream().map(a -> tuple(a.alarmId(), a.status(), a.latestChangedAt())).toList();
    }

    @Test
    void shouldWriteTheContractJsonKeyedByUserId() {
        harness.change("alice", "disk-full", "WARNING", "2021-06-07T20:40:15.598765212Z");
        harness.request("alice");
        List<TestRecord<String, String>> out = harness.digestRecords();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("alice");
        assertThat(out.get(0).value()).isEqualTo("{\"UserID\":\"alice\",\"ActiveAlarms\":[{\"AlarmID\":\"disk-full\","
                + "\"Status\":\"WARNING\",\"LatestChangedAt\":\"2021-06-07T20:40:15.598765212Z\"}]}");
    }

    @Test
    void shouldProduceAnEmptyDigestForAUserWithNothingNew() {
        harness.request("nobody");
        List<TestRecord<String, String>> out = harness.digestRecords();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("nobody");
        assertThat(out.get(0).value()).isEqualTo("{\"UserID\":\"nobody\",\"ActiveAlarms\":[]}");
    }

    @Test
    void shouldProduceExactlyOneDigestPerRequestEvenWhenRepeated() {
        harness.change("alice", "a1", "CRITICAL", T1);
        harness.request("alice").request("alice").request("alice");
        List<AlarmDigest> out = harness.digests();
        assertThat(out).hasSize(3);
        assertThat(alarms(out.get(0))).containsExactly(tuple("a1", "CRITICAL", T1));
        assertThat(out.get(1).activeAlarms()).isEmpty();
        assertThat(out.get(2).activeAlarms()).isEmpty();
    }

    @Test
    void shouldKeepTheStatusWithTheLatestChangedAtWhateverTheArrivalOrder() {
        harness.change("alice", "a1", "CRITICAL", T3);
        harness.change("alice", "a1", "CLEARED", T2); // older: ignored
        harness.change("alice", "a1", "WARNING", T1); // older still
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "CRITICAL", T3));
    }

    @Test
    void shouldLetANewerChangeReplaceAnOlderOne() {
        harness.change("alice", "a1", "WARNING", T1);
        harness.change("alice", "a1", "CLEARED", T2);
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
    }

    @Test
    void shouldCompareChangedAtToTheNanosecond() {
        harness.change("alice", "a1", "WARNING", T2);
        harness.change("alice", "a1", "CLEARED", T1); // one nanosecond older: ignored
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "WARNING", T2));
    }

    @Test
    void shouldIgnoreAChangeWithAnEqualChangedAt() {
        harness.change("alice", "a1", "WARNING", T1);
        harness.change("alice", "a1", "CRITICAL", T1);
        harness.change("alice", "a1", "CLEARED", T1);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "WARNING", T1));
    }

    @Test
    void shouldCountIgnoredChangesInAMetric() {
        harness.change("alice", "a1", "WARNING", T2);
        harness.change("alice", "a1", "WARNING", T2);  // duplicate
        harness.change("alice", "a1", "CLEARED", T1);  // older
        harness.change("alice", "a1", "CRITICAL", T3); // newer: counts not
        assertThat(harness.driver().metrics().entrySet()).filteredOn(e -> e.getKey().name().equals("digest-stale-total"))
                .singleElement()
                .satisfies(e -> assertThat(e.getValue().metricValue()).isEqualTo(2.0));
    }

    @Test
    void shouldTreatTheSameInstantInAnotherOffsetAsEqual() {
        harness.change("alice", "a1", "WARNING", "2021-06-07T20:40:15Z");
        harness.change("alice", "a1", "CLEARED", "2021-06-07T22:40:15+02:00"); // the same instant
        harness.change("alice", "a2", "WARNING", "2021-06-07T22:40:16+02:00");
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(
                tuple("a1", "WARNING", "2021-06-07T20:40:15Z"),
                tuple("a2", "WARNING", "2021-06-07T22:40:16+02:00"));
    }

    @Test
    void shouldNotReportAnAlarmAgainWhileItStaysInTheReportedStatus() {
        harness.change("alice", "a1", "WARNING", T1);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "WARNING", T1));
        harness.change("alice", "a1", "WARNING", T1); // duplicate
        harness.change("alice", "a1", "WARNING", T3); // newer, same status
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
    }

    @Test
    void shouldReportAnEscalation() {
        harness.change("alice", "a1", "WARNING", T1);
        harness.digestFor("alice");
        harness.change("alice", "a1", "CRITICAL", T3);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "CRITICAL", T3));
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
    }

    @Test
    void shouldReportADeEscalation() {
        harness.change("alice", "a1", "CRITICAL", T1);
        harness.digestFor("alice");
        harness.change("alice", "a1", "WARNING", T3);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "WARNING", T3));
    }

    @Test
    void shouldReportAnAlarmActiveAgainAfterBeingCleared() {
        harness.change("alice", "a1", "WARNING", T1);
        harness.digestFor("alice");
        harness.change("alice", "a1", "CLEARED", T2);
        harness.change("alice", "a1", "WARNING", T3);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "WARNING", T3));
    }

    @Test
    void shouldReportAnAlarmThatLeftAndRegainedItsReportedStatusBetweenDigests() {
        harness.change("alice", "a1", "WARNING", T1);
        harness.digestFor("alice");
        harness.change("alice", "a1", "CRITICAL", T2);
        harness.change("alice", "a1", "WARNING", T3);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("a1", "WARNING", T3));
    }

    @Test
    void shouldNotListAnAlarmClearedBeforeTheDigest() {
        harness.change("alice", "a1", "CRITICAL", T1);
        harness.change("alice", "a1", "CLEARED", T2);
        harness.change("alice", "a2", "CLEARED", T3); // never active
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
    }

    @Test
    void shouldOrderByLatestChangedAtThenByAlarmId() {
        harness.change("alice", "zeta", "WARNING", T3);
        harness.change("alice", "beta", "CRITICAL", T4);
        harness.change("alice", "gamma", "WARNING", T1);
        harness.change("alice", "alpha", "WARNING", T4);   // ties with beta: alpha first
        harness.change("alice", "delta", "CRITICAL", "2021-06-07T22:41:00+02:00"); // the instant of T3: ties with zeta
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(
                tuple("gamma", "WARNING", T1),
                tuple("delta", "CRITICAL", "2021-06-07T22:41:00+02:00"),
                tuple("zeta", "WARNING", T3),
                tuple("alpha", "WARNING", T4),
                tuple("beta", "CRITICAL", T4));
    }

    @Test
    void shouldOrderByInstantNotByText() {
        harness.change("alice", "a", "WARNING", "2021-06-07T20:40:15Z");
        harness.change("alice", "b", "WARNING", "2021-06-07T20:40:15.5Z"); // sorts before "…15Z" as text
        harness.change("alice", "c", "WARNING", "2021-06-07T21:40:14+02:00"); // earliest instant
        assertThat(harness.digestFor("alice").activeAlarms()).extracting(ActiveAlarm::alarmId).containsExactly("c", "a", "b");
    }

    @Test
    void shouldKeepEachUsersAlarmsApart() {
        harness.change("alice", "shared-id", "WARNING", T1);
        harness.change("bob", "shared-id", "CRITICAL", T2);
        assertThat(alarms(harness.digestFor("alice"))).containsExactly(tuple("shared-id", "WARNING", T1));
        assertThat(alarms(harness.digestFor("bob"))).containsExactly(tuple("shared-id", "CRITICAL", T2));
        harness.change("bob", "shared-id", "CLEARED", T3);
        harness.change("bob", "shared-id", "WARNING", T4);
        assertThat(harness.digestFor("alice").activeAlarms()).isEmpty();
        assertThat(alarms(harness.digestFor("bob"))).containsExactly(tuple("shared-id", "WARNING", T4));
    }

    @Test
    void shouldSendScheduledDigestsOncePerSlotOfTheReceiversDigestInterval() {
        RoutingCatalog routing = new RoutingCatalog();
        routing.set(RoutingReader.read("routing.yaml", """
                receivers:
                  - {name: alice, email: {to: [alice@example.com]}, digest_interval: 1m}
                route: {receiver: alice}
                """).spec());
        try (DigestHarness scheduled = new DigestHarness(DigestConfig.defaults(), (b, c) -> DigestTopology.addTo(b, c, routing))) {
            scheduled.change("alice", "a1", "WARNING", T1).change("bob", "b1", "WARNING", T1);
            // The wall clock starts at a full minute: the first check records alice's slot, the next slot sends.
            scheduled.advanceWallClock(Duration.ofSeconds(5));
            assertThat(scheduled.digests()).isEmpty();
            scheduled.advanceWallClock(Duration.ofSeconds(55));
            List<AlarmDigest> first = scheduled.digests();
            assertThat(first).extracting(AlarmDigest::userId).containsExactly("alice");
            assertThat(alarms(first.get(0))).containsExactly(tuple("a1", "WARNING", T1));
            scheduled.advanceWallClock(Duration.ofSeconds(30));
            assertThat(scheduled.digests()).as("one digest per slot").isEmpty();
            scheduled.change("alice", "a2", "CRITICAL", T2);
            scheduled.advanceWallClock(Duration.ofSeconds(30));
            List<AlarmDigest> second = scheduled.digests();
            assertThat(second).hasSize(1);
            assertThat(alarms(second.get(0))).containsExactly(tuple("a2", "CRITICAL", T2));
            scheduled.advanceWallClock(Duration.ofMinutes(1));
            assertThat(scheduled.digests()).as("a scheduled digest is sent even when empty")
                    .singleElement().satisfies(d -> assertThat(d.activeAlarms()).isEmpty());
            scheduled.request("alice");
            assertThat(scheduled.digests()).as("explicit requests still work").hasSize(1);
        }
    }
}
