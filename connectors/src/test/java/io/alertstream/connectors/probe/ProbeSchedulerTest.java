package io.alertstream.connectors.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Bounded concurrency, one check in flight per target, late starts that keep their slot, interval changes. */
class ProbeSchedulerTest {
    private static final long START = 1_764_000_000_000L;
    private final AtomicLong clock = new AtomicLong(START);
    private final Map<String, List<CompletableFuture<ProbeOutcome>>> started = new LinkedHashMap<>();
    private final Prober prober = target -> {
        CompletableFuture<ProbeOutcome> future = new CompletableFuture<>();
        started.computeIfAbsent(target.id(), id -> new ArrayList<>()).add(future);
        return future;
    };

    @Test
    void noMoreThanTheConcurrencyShouldRunAndWaitingChecksShouldKeepTheirSlot() throws Exception {
        ProbeScheduler scheduler = new ProbeScheduler(prober, 2, "loc", "probes", clock::get);
        for (int i = 0; i < 5; i++) {
            scheduler.upsert(TestTargets.target("t-" + i, "http://example.com/", ",\"interval_ms\":60000"), null);
        }
        clock.addAndGet(60_000); // every target's first slot has come
        scheduler.poll(0);
        assertThat(inFlight()).isEqualTo(2);

        complete(started.values().iterator().next().get(0));
        List<SourceRecord> records = scheduler.poll(1_000);
        assertThat(records).hasSize(1);
        assertThat(inFlight()).as("a freed place is taken at once").isEqualTo(2);
        assertThat(started).hasSize(3);

        started.values().forEach(futures -> futures.forEach(ProbeSchedulerTest::complete));
        List<SourceRecord> all = new ArrayList<>(records);
        for (int i = 0; i < 5 && all.size() < 5; i++) {
            all.addAll(scheduler.poll(100));
            started.values().forEach(futures -> futures.forEach(ProbeSchedulerTest::complete));
        }
        // Late checks report the slot they were scheduled for, not when they ran.
        assertThat(all).hasSize(5).allSatisfy(record -> assertThat((Long) ((Map<?, ?>) record.value()).get("scheduled_ms"))
                .isEqualTo(ProbeSchedule.slotAtOrAfter(START, 60_000,
                        TargetAssignment.phaseOf((String) record.key(), 60_000))));
    }

    @Test
    void aSlotDueWhileTheTargetsCheckRunsShouldWaitForIt() throws Exception {
        ProbeScheduler scheduler = new ProbeScheduler(prober, 10, "loc", "probes", clock::get);
        scheduler.upsert(TestTargets.target("t-1", "http://example.com/", ",\"interval_ms\":5000"), null);
        clock.addAndGet(5_000);
        scheduler.poll(0);
        clock.addAndGet(5_000); // the next slot is due, the first check still runs
        scheduler.poll(0);
        assertThat(started.get("t-1")).hasSize(1);
        complete(started.get("t-1").get(0));
        scheduler.poll(100);
        scheduler.poll(0);
        assertThat(started.get("t-1")).as("the waiting slot starts once the first check completed").hasSize(2);
    }

    @Test
    void anIntervalChangeShouldMoveTheScheduleAndARemovedTargetShouldStop() throws Exception {
        ProbeScheduler scheduler = new ProbeScheduler(prober, 10, "loc", "probes", clock::get);
        scheduler.upsert(TestTargets.target("t-1", "http://example.com/", ",\"interval_ms\":60000"), null);
        scheduler.upsert(TestTargets.target("t-1", "http://example.com/", ",\"interval_ms\":5000"), null);
        clock.addAndGet(5_000);
        scheduler.poll(0);
        assertThat(started.get("t-1")).as("the 5 s schedule applies, not the 60 s one").hasSize(1);
        complete(started.get("t-1").get(0));
        scheduler.poll(100);
        scheduler.remove("t-1");
        clock.addAndGet(60_000);
        scheduler.poll(0);
        assertThat(started.get("t-1")).hasSize(1);
    }

    @Test
    void checksShouldBeCountedByOutcomeAndSlotsMissedOverARestartAsSkipped() throws Exception {
        String connector = "probe-metrics-" + java.util.UUID.randomUUID();
        ProbeScheduler scheduler = new ProbeScheduler(prober, 10, "loc", "probes", clock::get);
        scheduler.metricTags(io.micrometer.core.instrument.Tags.of("connector", connector, "task", "1"));
        long phase = TargetAssignment.phaseOf("t-1", 5_000);
        long committed = ProbeSchedule.slotAtOrBefore(START, 5_000, phase) - 4 * 5_000; // 4 slots ago: 3 are skipped
        scheduler.upsert(TestTargets.target("t-1", "http://example.com/", ",\"interval_ms\":5000"), committed);
        scheduler.upsert(TestTargets.target("t-2", "http://example.com/", ",\"interval_ms\":5000"), null);
        clock.addAndGet(5_000);
        scheduler.poll(0);
        started.get("t-1").get(0).complete(new ProbeOutcome(503, 5, null, "", null));
        started.get("t-2").get(0).complete(ProbeOutcome.failed("timeout", 5_000));
        List<SourceRecord> records = new ArrayList<>(scheduler.poll(1_000));
        if (records.size() < 2) {
            records.addAll(scheduler.poll(1_000));
        }
        assertThat(records).hasSize(2);

        var registry = io.alertstream.connectors.metrics.ConnectorMetrics.registry();
        assertThat(registry.get("alertstream.connector.probe.checks").tags("connector", connector, "task", "1",
                "outcome", "unexpected-status").counter().count()).isEqualTo(1);
        assertThat(registry.get("alertstream.connector.probe.checks").tags("connector", connector,
                "outcome", "timeout").counter().count()).isEqualTo(1);
        assertThat(registry.get("alertstream.connector.probe.skipped.slots").tags("connector", connector).counter()
                .count()).isEqualTo(3);
    }

    private int inFlight() {
        return (int) started.values().stream().flatMap(List::stream).filter(f -> !f.isDone()).count();
    }

    private static void complete(CompletableFuture<ProbeOutcome> future) {
        future.complete(new ProbeOutcome(200, 5, null, "", null));
    }
}
