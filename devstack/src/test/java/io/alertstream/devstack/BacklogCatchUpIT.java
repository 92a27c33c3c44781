package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.AlertTopology;
import io.alertstream.testkit.backlog.BacklogWorkload;
import io.alertstream.testkit.backlog.ExpectedTransitions;
import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catching up on a backlog (issue #12, "exact alerts whatever the arrival order"): the events topic
 * already holds an hour of {@link BacklogWorkload} events, two hours old, over 4 partitions with null
 * keys when the application starts, so its tasks read partitions at different speeds and event time
 * drifts between them. Over 1,000 groups go through runs of consecutive breaching windows (warning,
 * critical, back to warning), gaps, and counts right at the thresholds. The alerts topic, read
 * {@code read_committed}, must hold exactly the transitions {@link ExpectedTransitions} judges from
 * the events alone: all found, none unexpected, none twice. The last runs resolve once the idle
 * partitions (idle timeout 5 s) let the watermark pass the hour.
 */
class BacklogCatchUpIT {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogCatchUpIT.class);
    private static final int EVENTS = Integer.getInteger("alertstream.backlog.events", 500_000);
    private static final int GROUPS = Integer.getInteger("alertstream.backlog.groups", 1_200);
    private static final int MINUTES = 60;
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    /** Once input and fan-out are all committed, only the last windows are left to close (idle timeout 5 s). */
    private static final Duration AFTER_CATCH_UP = Duration.ofSeconds(45);
    /** Reading on after everything expected was found, to catch duplicates and spurious transitions. */
    private static final Duration EXTRA = Duration.ofSeconds(10);

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @Test
    void shouldEmitExactlyTheExpectedTransitionsWhenOneInstanceCatchesUp() throws Exception {
        catchUp(1, 7L);
    }

    @Test
    void shouldEmitExactlyTheExpectedTransitionsWhenTwoInstancesShareThePartitions() throws Exception {
        catchUp(2, 11L);
    }

    private void catchUp(int instances, long seed) throws Exception {
        // Given: an hour of events, two hours old, already on 4 partitions before the application starts.
        BacklogWorkload workload = BacklogWorkload.generate(seed, Instant.now().minus(Duration.ofHours(2)), MINUTES, GROUPS, EVENTS);
        ExpectedTransitions expected = workload.expected();
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of());
        fx.createTopics(4);
        fx.publishRules(BacklogWorkload.RULE);
        long produceStart = System.nanoTime();
        workload.produce(KAFKA.bootstrapServers(), fx.config().inputTopics().get(0));
        LOG.info("Pre-loaded {} events of {} groups over {} minutes in {} ms; {} transitions expected", workload.events.size(),
                workload.hits.size(), MINUTES, (System.nanoTime() - produceStart) / 1_000_000, expected.size());

        // When: the instances start and catch up.
        long start = System.nanoTime();
        AlertStreamsApp[] apps = new AlertStreamsApp[instances];
        String events = fx.config().inputTopics().get(0);
        try (AlertsReader reader = fx.alerts();
             GroupOffsets offsets = new GroupOffsets(KAFKA.bootstrapServers(), fx.base.getProperty("application.id"))) {
            for (int i = 0; i < instances; i++) {
                apps[i] = fx.startInstance("instance-" + i);
            }
            ExpectedTransitions.Tally tally = expected.tally();
            String fanOut = fx.base.getProperty("application.id") + "-" + AlertTopology.FAN_OUT_TOPIC_NAME + "-repartition";
            CatchUp catchUp = new CatchUp(offsets, events, fanOut, offsets.end(events), start);
            reader.readUntil(alerts -> tally.update(alerts) || catchUp.doneFor(AFTER_CATCH_UP), DEADLINE);
            boolean complete = tally.update(reader.alerts);
            LOG.info("{} instance(s): {} after {} s; input {}", instances,
                    complete ? "every expected transition found" : "not every expected transition found",
                    (System.nanoTime() - start) / 1_000_000_000, catchUp.caughtUpNanos < 0
                            ? "committed " + offsets.committed(events) + " of " + catchUp.end
                            + " (a deadline before catch-up says nothing about exactness)"
                            : "and fan-out all committed after " + (catchUp.caughtUpNanos - start) / 1_000_000_000 + " s (~"
                            + workload.events.size() * 1_000_000_000L / Math.max(1, catchUp.caughtUpNanos - start) + " events/s)");
            reader.drain(EXTRA);
            tally.update(reader.alerts);

            // Then: exactly the expected transitions, each once.
            ExpectedTransitions.Comparison result = tally.result();
            LOG.info("{} instance(s): found {} / expected {} ({}%), unexpected {}, duplicated {}", instances, result.found(),
                    result.expected(), String.format("%.2f", 100.0 * result.found() / result.expected()), result.unexpected(),
                    result.duplicated());
            if (!result.missingSample().isEmpty()) {
                logOneGroup(workload, expected, reader, result.missingSample().get(0).alertKey());
            }
            assertThat(result.found()).as("expected transitions found: %s", result).isEqualTo(result.expected());
            assertThat(result.unexpected()).as("unexpected transitions: %s", result).isZero();
            assertThat(result.duplicated()).as("duplicated transitions: %s", result).isZero();
        } finally {
            for (AlertStreamsApp app : apps) {
                if (app != null) {
                    app.close();
                }
            }
        }
    }

    /**
     * Notes when the application has committed every input record and everything its fan-out step wrote
     * (the evaluator reads that repartition topic), checking the broker every 2 s at most.
     */
    private static final class CatchUp {
        private final GroupOffsets offsets;
        private final String topic;
        private final String fanOut;
        private final long end;
        private long checkedNanos;
        private long caughtUpNanos = -1;

        CatchUp(GroupOffsets offsets, String topic, String fanOut, long end, long startNanos) {
            this.offsets = offsets;
            this.topic = topic;
            this.fanOut = fanOut;
            this.end = end;
            this.checkedNanos = startNanos;
        }

        /** Whether the input was all committed at least {@code after} ago. */
        boolean doneFor(Duration after) {
            long now = System.nanoTime();
            if (caughtUpNanos < 0 && now - checkedNanos > 2_000_000_000L) {
                checkedNanos = now;
                try {
                    if (offsets.committed(topic) >= end && offsets.committed(fanOut) >= offsets.end(fanOut)) {
                        caughtUpNanos = now;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("cannot read the committed offsets of " + topic, e);
                }
            }
            return caughtUpNanos >= 0 && now - caughtUpNanos > after.toNanos();
        }
    }

    /** One group in full, for a failure: its hits per window, what the model expects and what was read, in order. */
    private static void logOneGroup(BacklogWorkload workload, ExpectedTransitions expected, AlertsReader reader, String alertKey) {
        workload.hits.forEach((group, counts) -> {
            if (BacklogWorkload.alertKey(group).equals(alertKey)) {
                LOG.info("For example {} (windows from {}): hits per window {}; expected {}; read {}", alertKey,
                        Instant.ofEpochMilli(workload.t0), java.util.Arrays.toString(counts),
                        expected.transitions().stream().filter(t -> t.alertKey().equals(alertKey)).toList(),
                        reader.alerts.stream().map(ExpectedTransitions.Transition::of).filter(t -> t.alertKey().equals(alertKey)).toList());
            }
        });
    }
}
