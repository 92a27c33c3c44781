package io.alertstream.devstack;

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
 * A planned restart: an instance is closed in the middle of a workload, while windows are open and
 * alerts fire, and a new instance with the same application id and state directory finishes it. The
 * committed state (open windows, firing alerts) carries over, so every transition arrives exactly once.
 */
class RestartIT {
    private static final Logger LOG = LoggerFactory.getLogger(RestartIT.class);
    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @Test
    void shouldDeliverEveryTransitionExactlyOnceAcrossACloseAndRestartWithTheSameState() throws Exception {
        Workload workload = Workload.generate(41L, Instant.now().minus(Duration.ofHours(1)), 10, 3, 300);
        // A closed Streams instance does not leave its group; the new one waits for the old member's session
        // to expire (45 s by default) before it gets the partitions. Keep that wait short.
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp,
                Map.of("session.timeout.ms", "10000", "heartbeat.interval.ms", "2000"));
        fx.createTopics(4);
        fx.publishRules(Workload.RULE);
        String events = fx.config().inputTopics().get(0);
        int half = workload.events.size() / 2;

        try (AlertsReader reader = fx.alerts(); EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            try (AlertStreamsApp first = fx.startInstance("instance")) {
                sender.replay(workload, events, 0, half, 1_000, () -> false);
                // Close only once the first half is being acted on: some alerts have fired already.
                reader.readUntil(a -> a.stream().anyMatch(x -> "FIRING".equals(x.get("status"))), Duration.ofMinutes(2));
                LOG.info("Closing the first instance after {} of {} events, {} alert(s) read", half,
                        workload.events.size(), reader.alerts.size());
            }
            try (AlertStreamsApp second = fx.startInstance("instance")) {
                sender.replay(workload, events, half, workload.events.size(), 1_000, () -> false);
                sender.sendTail(workload, events, 4, 3);
                reader.readUntil(a -> WorkloadTransitions.complete(workload, a), Duration.ofMinutes(3));
                reader.drain(Duration.ofSeconds(5));
            }
            WorkloadTransitions.assertExactlyTheExpectedTransitions(workload, reader.alerts);
        }
    }
}
