package io.alertstream.connectors.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/**
 * The task with a list of target records, a prober that answers at once and a clock the test moves:
 * schedule, assignment, bad records, tombstones, the maintenance flag and resuming from committed offsets.
 */
class ProbeSourceTaskTest {
    private static final long START = 1_764_000_000_000L; // a multiple of 5 s and 30 s
    private final AtomicLong clock = new AtomicLong(START);
    private final List<TargetFeed.Change> pending = new ArrayList<>();
    private final List<String> probed = new ArrayList<>();
    private final Map<String, Long> committed = new HashMap<>();

    @Test
    void eachTargetShouldBeCheckedOncePerIntervalAtItsPhase() throws Exception {
        add("t-1", ",\"interval_ms\":5000");
        ProbeSourceTask task = start(0, 1);
        List<SourceRecord> records = runFor(task, 30_000);
        long phase = TargetAssignment.phaseOf("t-1", 5_000);
        assertThat(records).extracting(r -> (Long) value(r).get("scheduled_ms"))
                .containsExactly(START + phase, START + phase + 5_000, START + phase + 10_000, START + phase + 15_000,
                        START + phase + 20_000, START + phase + 25_000);
        SourceRecord first = records.get(0);
        assertThat(first.key()).isEqualTo("t-1");
        assertThat(first.topic()).isEqualTo("probes");
        assertThat(first.sourcePartition()).isEqualTo(Map.of("target", "t-1"));
        assertThat(first.sourceOffset()).isEqualTo(Map.of("scheduled_ms", START + phase));
        assertThat(value(first)).containsEntry("status", 200).containsEntry("ok", true)
                .containsEntry("owners", List.of("u-1", "u-2")).containsEntry("threshold", 3)
                .containsEntry("maintenance", false);
    }

    @Test
    void tasksShouldCheckOnlyTheirOwnTargets() throws Exception {
        for (int i = 0; i < 40; i++) {
            add("t-" + i, ",\"interval_ms\":5000");
        }
        ProbeSourceTask task = start(1, 3);
        runFor(task, 5_000);
        assertThat(probed).isNotEmpty().allMatch(id -> TargetAssignment.taskOf(id, 3) == 1);
        assertThat(probed).hasSize((int) java.util.stream.IntStream.range(0, 40)
                .filter(i -> TargetAssignment.taskOf("t-" + i, 3) == 1).count());
    }

    @Test
    void badRecordsShouldBeSkippedAndTombstonesShouldStopChecks() throws Exception {
        pending.add(new TargetFeed.Change("bad-json", "{not json"));
        pending.add(new TargetFeed.Change("bad-url", TestTargets.json("bad-url", "file:///etc/passwd", "")));
        pending.add(new TargetFeed.Change(null, "{}"));
        add("t-1", ",\"interval_ms\":5000");
        ProbeSourceTask task = start(0, 1);
        assertThat(runFor(task, 10_000)).hasSize(2);
        pending.add(new TargetFeed.Change("t-1", null));
        assertThat(runFor(task, 10_000)).isEmpty();
    }

    @Test
    void aCheckInAMaintenanceWindowShouldBeFlagged() throws Exception {
        String window = ",\"interval_ms\":5000,\"maintenance\":[{\"start\":\"" + java.time.Instant.ofEpochMilli(START)
                + "\",\"end\":\"" + java.time.Instant.ofEpochMilli(START + 10_000) + "\"}]";
        add("t-m", window);
        List<SourceRecord> records = runFor(start(0, 1), 20_000);
        assertThat(records).extracting(r -> value(r).get("maintenance")).containsExactly(true, true, false, false);
    }

    @Test
    void aRestartShouldResumeAfterTheCommittedSlotWithoutSkippingOrRepeating() throws Exception {
        long phase = TargetAssignment.phaseOf("t-1", 5_000);
        committed.put("t-1", START + phase - 5_000); // the last slot before START was committed
        clock.set(START + phase + 2_000); // restarted 2 s after the next slot was due
        add("t-1", ",\"interval_ms\":5000");
        List<SourceRecord> records = runFor(start(0, 1), 6_000);
        assertThat(records).extracting(r -> (Long) value(r).get("scheduled_ms"))
                .containsExactly(START + phase, START + phase + 5_000);
    }

    @Test
    void aLongOutageShouldResumeAtTheLatestPastSlotWithoutABurst() throws Exception {
        long phase = TargetAssignment.phaseOf("t-1", 5_000);
        committed.put("t-1", START + phase - 5_000);
        clock.set(START + phase + 60_000 + 1_000); // 12 slots missed
        add("t-1", ",\"interval_ms\":5000");
        List<SourceRecord> records = runFor(start(0, 1), 1_000);
        assertThat(records).extracting(r -> (Long) value(r).get("scheduled_ms")).containsExactly(START + phase + 60_000);
    }

    private void add(String id, String extra) {
        pending.add(new TargetFeed.Change(id, TestTargets.json(id, "http://example.com/" + id, extra)));
    }

    private ProbeSourceTask start(int index, int count) {
        TargetFeed feed = new TargetFeed() {
            @Override
            public List<Change> poll(Duration timeout) {
                List<Change> batch = List.copyOf(pending);
                pending.clear();
                return batch;
            }

            @Override
            public void close() {
            }
        };
        Prober prober = target -> {
            probed.add(target.id());
            return CompletableFuture.completedFuture(new ProbeOutcome(200, 12, null, "", null));
        };
        ProbeSourceTask task = new ProbeSourceTask((config, clientId) -> feed, config -> prober, clock::get, 0);
        task.initialize(new OffsetsContext());
        task.start(Map.of("targets.bootstrap.servers", "127.0.0.1:9", ProbeSourceTask.TASK_INDEX, String.valueOf(index),
                ProbeSourceTask.TASK_COUNT, String.valueOf(count)));
        return task;
    }

    /** Polls while moving the clock 100 ms per poll for {@code durationMs}. */
    private List<SourceRecord> runFor(ProbeSourceTask task, long durationMs) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        long end = clock.get() + durationMs;
        while (clock.get() < end) {
            List<SourceRecord> records = task.poll();
            if (records != null) {
                all.addAll(records);
            }
            clock.addAndGet(100);
        }
        List<SourceRecord> last = task.poll(); // checks started at the last tick complete at once
        if (last != null) {
            all.addAll(last);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> value(SourceRecord record) {
        return (Map<String, Object>) record.value();
    }

    private final class OffsetsContext implements SourceTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
        }

        @Override
        public OffsetStorageReader offsetStorageReader() {
            return new OffsetStorageReader() {
                @Override
                public <T> Map<String, Object> offset(Map<String, T> partition) {
                    return offsets(List.of(partition)).get(partition);
                }

                @Override
                public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                    Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                    for (Map<String, T> partition : partitions) {
                        Long slot = committed.get(String.valueOf(partition.get("target")));
                        if (slot != null) {
                            result.put(partition, Map.of("scheduled_ms", slot));
                        }
                    }
                    return result;
                }
            };
        }
    }
}
