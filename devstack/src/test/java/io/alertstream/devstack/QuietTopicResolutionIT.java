package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A burst on an otherwise quiet topic must resolve on time (issue #12): 4 partitions, 10 events for
 * one group stamped with the wall clock, all on ONE partition (the other three never see a record),
 * then nothing. The alert fires warning, escalates to critical, and resolves once the burst's window
 * and the window after it have passed on the wall clock: the idle partitions, never having had data,
 * must not hold the watermark back for ever. Bound: end of the burst's window + window size + idle
 * timeout + 10 s margin.
 */
class QuietTopicResolutionIT {
    private static final Logger LOG = LoggerFactory.getLogger(QuietTopicResolutionIT.class);
    private static final long WINDOW_MS = 10_000;
    private static final long IDLE_MS = 2_000;
    private static final long MARGIN_MS = 10_000;
    private static final String RULE = """
            rules:
              - id: quiet-burst
                filter: event.kind == "hit"
                group_by: [group]
                window: {size: 10s}
                aggregate: count
                triggers:
                  warning: {above: 3}
                  critical: {above: 6}
            """;

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @ParameterizedTest(name = "burst on partition {0}")
    @ValueSource(ints = {0, 3})
    void shouldResolveABurstOnOnePartitionWhenTheOtherPartitionsNeverHadData(int partition) throws Exception {
        // Given: a running instance on a fresh 4-partition topic with nothing on it.
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.idle.timeout", "2s"));
        fx.createTopics(4);
        fx.publishRules(RULE);
        String group = "burst-p" + partition;
        String key = "quiet-burst|group=\"" + group + "\"";
        try (AlertStreamsApp app = fx.startInstance("a"); AlertsReader reader = fx.alerts();
             EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            // When: 10 events for one group, stamped now, all on one partition; then nothing.
            long now = System.currentTimeMillis();
            long windowStart = now / WINDOW_MS * WINDOW_MS;
            for (int i = 0; i < 10; i++) {
                sender.send(fx.config().inputTopics().get(0), partition, now, null,
                        "{\"timestamp\":" + now + ",\"kind\":\"hit\",\"group\":\"" + group + "\"}");
            }
            sender.flush();
            long resolveBy = windowStart + WINDOW_MS + WINDOW_MS + IDLE_MS + MARGIN_MS;

            // Then: warning, critical, and RESOLVED for the next window, arriving in time.
            long[] resolvedAt = {0};
            reader.readUntil(alerts -> {
                if (resolvedAt[0] == 0 && alerts.stream().anyMatch(a -> "RESOLVED".equals(a.get("status")))) {
                    resolvedAt[0] = System.currentTimeMillis();
                }
                return resolvedAt[0] != 0;
            }, Duration.ofMillis(Math.max(0, resolveBy - System.currentTimeMillis()) + 2_000));
            reader.drain(Duration.ofSeconds(1));
            LOG.info("Burst on partition {} (window {}): {} alerts; RESOLVED {}", partition, Instant.ofEpochMilli(windowStart),
                    reader.alerts.size(), resolvedAt[0] == 0 ? "never seen" : (resolvedAt[0] - resolveBy) + " ms from the bound");

            List<String> transitions = reader.alerts.stream().map(a -> a.get("alertKey") + " " + a.get("status") + " "
                    + a.get("level") + " " + ((Map<?, ?>) a.get("window")).get("start")).toList();
            assertThat(transitions).as("transitions of the burst").containsExactly(
                    key + " FIRING warning " + Instant.ofEpochMilli(windowStart),
                    key + " FIRING critical " + Instant.ofEpochMilli(windowStart),
                    key + " RESOLVED null " + Instant.ofEpochMilli(windowStart + WINDOW_MS));
            assertThat(resolvedAt[0]).as("wall-clock arrival of the RESOLVED, bound %s", Instant.ofEpochMilli(resolveBy))
                    .isPositive().isLessThanOrEqualTo(resolveBy);
        }
    }

    /**
     * The same burst, with a restart between its FIRING and its RESOLVED: after the restart the burst's
     * partition never has data again. The instance must remember that partition's time (it is quiet, not
     * new), so its watermark goes on with the wall clock and the alert resolves; forgetting it left the
     * evaluating tasks at the partition's pre-restart reading, and the alert firing for ever.
     */
    @Test
    void shouldResolveAfterARestartWhenTheBurstPartitionStaysQuiet() throws Exception {
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.idle.timeout", "2s"));
        fx.createTopics(4);
        fx.publishRules(RULE);
        String group = "burst-restart";
        String key = "quiet-burst|group=\"" + group + "\"";
        try (AlertsReader reader = fx.alerts(); EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            long windowStart;
            try (AlertStreamsApp app = fx.startInstance("a")) {
                long now = System.currentTimeMillis();
                windowStart = now / WINDOW_MS * WINDOW_MS;
                for (int i = 0; i < 10; i++) {
                    sender.send(fx.config().inputTopics().get(0), 1, now, null,
                            "{\"timestamp\":" + now + ",\"kind\":\"hit\",\"group\":\"" + group + "\"}");
                }
                sender.flush();
                reader.readUntil(alerts -> alerts.stream().anyMatch(a -> "critical".equals(a.get("level"))),
                        Duration.ofMillis(WINDOW_MS + IDLE_MS + MARGIN_MS + 5_000));
                // Stopped as soon as it fired: the window that resolves it is still open.
            }
            long restartedAt = System.currentTimeMillis();
            try (AlertStreamsApp again = fx.startInstance("a")) {
                long resolveBy = Math.max(windowStart + 2 * WINDOW_MS, System.currentTimeMillis()) + IDLE_MS + MARGIN_MS;
                reader.readUntil(alerts -> alerts.stream().anyMatch(a -> "RESOLVED".equals(a.get("status"))),
                        Duration.ofMillis(Math.max(0, resolveBy - System.currentTimeMillis()) + 2_000));
                reader.drain(Duration.ofSeconds(1));
                LOG.info("Burst before a restart (window {}, restarted {}): {}", Instant.ofEpochMilli(windowStart),
                        Instant.ofEpochMilli(restartedAt), reader.alerts);
                List<String> transitions = reader.alerts.stream().map(a -> a.get("alertKey") + " " + a.get("status") + " "
                        + a.get("level") + " " + ((Map<?, ?>) a.get("window")).get("start")).toList();
                assertThat(transitions).as("transitions of the burst across the restart").containsExactly(
                        key + " FIRING warning " + Instant.ofEpochMilli(windowStart),
                        key + " FIRING critical " + Instant.ofEpochMilli(windowStart),
                        key + " RESOLVED null " + Instant.ofEpochMilli(windowStart + WINDOW_MS));
            }
        }
    }
}
