package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catching up on a backlog: the events topic already holds an hour of events over 4 partitions with
 * null keys when the application starts, so its tasks read partitions at different speeds and event
 * time drifts between them. With lateness judged by the watermark (the minimum over all upstream
 * partitions), nothing is dropped and every alert window the data contains is found, exactly once.
 */
class BacklogCatchUpIT {
    private static final Logger LOG = LoggerFactory.getLogger(BacklogCatchUpIT.class);
    private static final int EVENTS = Integer.getInteger("alertstream.backlog.events", 500_000);
    private static final int MINUTES = 60;
    private static EmbeddedKafka kafka;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldFindEveryAlertWindowOnceWhenOneInstanceCatchesUp() throws Exception {
        catchUp(1, 7L);
    }

    @Test
    void shouldFindEveryAlertWindowOnceWhenTwoInstancesShareThePartitions() throws Exception {
        catchUp(2, 11L);
    }

    private void catchUp(int instances, long seed) throws Exception {
        int breachPerMinute = 5;
        int filler = Math.max(0, EVENTS / MINUTES - breachPerMinute * 26 - 3 * Workload.THRESHOLD);
        Workload workload = Workload.generate(seed, Instant.now().minus(Duration.ofHours(2)), MINUTES, breachPerMinute, filler);
        StreamsFixture fx = new StreamsFixture(kafka.bootstrapServers(), tmp, Map.of());
        fx.createTopics(4);
        fx.publishRules(Workload.RULE);
        long produceStart = System.nanoTime();
        workload.produce(kafka.bootstrapServers(), fx.config().inputTopics().get(0));
        LOG.info("Pre-loaded {} events over {} minutes in {} ms", workload.events.size(), MINUTES,
                (System.nanoTime() - produceStart) / 1_000_000);

        long start = System.nanoTime();
        AlertStreamsApp[] apps = new AlertStreamsApp[instances];
        try (AlertsReader reader = fx.alerts()) {
            for (int i = 0; i < instances; i++) {
                apps[i] = fx.startInstance("instance-" + i);
            }
            reader.readUntil(alerts -> firingGroups(alerts).keySet().containsAll(workload.breachGroups), Duration.ofMinutes(8));
            long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000);
            LOG.info("{} instance(s) found {} of {} alert windows in {} s (~{} events/s while catching up)", instances,
                    firingGroups(reader.alerts).size(), workload.breachGroups.size(), seconds, workload.events.size() / seconds);
            reader.drain(Duration.ofSeconds(5));

            Map<String, Long> firing = firingGroups(reader.alerts);
            assertThat(firing.keySet()).as("groups that fired").containsExactlyInAnyOrderElementsOf(workload.breachGroups);
            assertThat(firing.entrySet().stream().filter(e -> e.getValue() != 1).toList())
                    .as("every alert window fires exactly once").isEmpty();
            assertThat(reader.alerts).allSatisfy(a -> assertThat(a.get("value")).isNotNull());
        } finally {
            for (AlertStreamsApp app : apps) {
                if (app != null) {
                    app.close();
                }
            }
        }
    }

    private static Map<String, Long> firingGroups(List<Map<String, Object>> alerts) {
        Map<String, Long> counts = new HashMap<>();
        for (Map<String, Object> a : alerts) {
            if ("FIRING".equals(a.get("status"))) {
                try {
                    counts.merge(Workload.groupOf((String) a.get("alertKey")), 1L, Long::sum);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
