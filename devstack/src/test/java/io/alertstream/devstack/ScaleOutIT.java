package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.ThreadMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scaling out does not change the answer: three instances sharing the partitions of one deployment
 * produce the same transitions (alert key, status, level, window) as a single instance of another
 * deployment given the same workload.
 */
class ScaleOutIT {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleOutIT.class);
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @Test
    void shouldProduceTheSameTransitionsWithThreeInstancesAsWithOne() throws Exception {
        Workload workload = Workload.generate(51L, Instant.now().minus(Duration.ofHours(1)), 10, 3, 300);
        Set<String> one = transitions(workload, 1);
        Set<String> three = transitions(workload, 3);
        assertThat(one).as("one instance: a FIRING and a RESOLVED per breach group").hasSize(2 * workload.breachGroups.size());
        assertThat(three).as("three instances").isEqualTo(one);
    }

    private Set<String> transitions(Workload workload, int instances) throws Exception {
        // The workload is an hour old and is sent once every instance runs; instances start one after the other, and on a
        // loaded machine that takes longer than the fixture's 5 s idle timeout. A partition idle for longer than the idle
        // timeout that then receives old events has them judged against the other partitions' progress (README, Time:
        // idleness), so the answer would depend on start-up speed, not on the instance count this test is about. No
        // partition may go idle here: the tail events on every partition close the last windows.
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.idle.timeout", "10m"));
        fx.createTopics(4);
        fx.publishRules(Workload.RULE);
        String events = fx.config().inputTopics().get(0);
        List<AlertStreamsApp> apps = new ArrayList<>();
        long started = System.nanoTime();
        try (AlertsReader reader = fx.alerts(); EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            for (int i = 0; i < instances; i++) {
                apps.add(fx.startInstance("instance-" + i));
            }
            sender.replay(workload, events, 0, workload.events.size(), 2_000, () -> false);
            sender.sendTail(workload, events, 4, 3);
            reader.readUntil(a -> WorkloadTransitions.complete(workload, a), Duration.ofMinutes(3));
            reader.drain(Duration.ofSeconds(5));
            WorkloadTransitions.assertExactlyTheExpectedTransitions(workload, reader.alerts);
            for (AlertStreamsApp app : apps) {
                assertThat(app.streams().metadataForLocalThreads().stream().mapToInt(t -> activeTasks(t)).sum())
                        .as("active tasks of each of the %d instances (they share the work)", instances).isPositive();
            }
            LOG.info("{} instance(s): {} transitions in {} s", instances, reader.alerts.size(),
                    (System.nanoTime() - started) / 1_000_000_000);
            return WorkloadTransitions.facts(reader.alerts);
        } finally {
            for (AlertStreamsApp app : apps) {
                app.close();
            }
        }
    }

    private static int activeTasks(ThreadMetadata thread) {
        return thread.activeTasks().size();
    }
}
