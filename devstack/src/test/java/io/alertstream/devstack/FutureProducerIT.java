package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One producer's clock running ahead must not cost another producer its events (issue #12). Producer
 * A stamps its events 30 s ahead, so they fall into the window after the current one; producer B is
 * on time and sends, after A, enough errors into the CURRENT window to reach critical. Both key by
 * service, so their events share a partition. B's events must all count (warning and critical for the
 * current window), and A's window gets the level its own count implies once it closes. An event
 * stamped 10 minutes ahead is beyond what the engine accepts: it goes to the dead-letter topic with
 * its original bytes and a reason that says so ("future-timestamp").
 */
class FutureProducerIT {
    private static final Logger LOG = LoggerFactory.getLogger(FutureProducerIT.class);
    private static final long WINDOW_MS = 30_000;
    private static final long SKEW_MS = 30_000;
    private static final String KEY = "future-errors|service=\"checkout\"";
    private static final String RULE = """
            rules:
              - id: future-errors
                filter: event.status >= 500
                group_by: [service]
                window: {size: 30s}
                aggregate: count
                triggers:
                  warning: {above: 4}
                  critical: {above: 8}
            """;

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    @Test
    void shouldCountOnTimeEventsAfterAProducerAheadAndDeadLetterEventsTooFarAhead() throws Exception {
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.idle.timeout", "2s"));
        fx.createTopics(4);
        fx.publishRules(RULE);
        String topic = fx.config().inputTopics().get(0);
        try (AlertStreamsApp app = fx.startInstance("a"); AlertsReader reader = fx.alerts();
             EventSender producerA = new EventSender(KAFKA.bootstrapServers());
             EventSender producerB = new EventSender(KAFKA.bootstrapServers())) {
            // Given: early enough in a window that B's sends stay in it. A's events, 30 s ahead, land in the
            // next window from any phase; sending late in the window only shortens the wait for it to close.
            if (System.currentTimeMillis() % WINDOW_MS > WINDOW_MS - 5_000) {
                // Waiting for the wall clock itself (the next window), not for a condition to poll.
                Thread.sleep(WINDOW_MS - System.currentTimeMillis() % WINDOW_MS + 100);
            }
            long now = System.currentTimeMillis();
            long current = now / WINDOW_MS * WINDOW_MS;
            long next = current + WINDOW_MS;

            // When: A sends 5 errors stamped 30 s ahead (the next window), then B sends 9 on time (the current one).
            for (int i = 0; i < 5; i++) {
                producerA.send(topic, null, now + SKEW_MS + i, "checkout", event(now + SKEW_MS + i, 503));
            }
            producerA.flush();
            for (int i = 0; i < 9; i++) {
                long t = System.currentTimeMillis();
                producerB.send(topic, null, t, "checkout", event(t, 500));
            }
            producerB.flush();
            LOG.info("Sent at {}: current window {}, A's window {}", Instant.ofEpochMilli(now), Instant.ofEpochMilli(current),
                    Instant.ofEpochMilli(next));

            // Then: B's 9 count in the current window (warning, critical); A's 5 make its window warning, judged
            // when it closes (wall clock past its end + idle timeout): back from critical to warning.
            // Identities with previousLevel; order across windows is not part of the contract, the set is.
            List<String> expected = List.of(
                    KEY + " FIRING warning null " + Instant.ofEpochMilli(current),
                    KEY + " FIRING critical warning " + Instant.ofEpochMilli(current),
                    KEY + " FIRING warning critical " + Instant.ofEpochMilli(next));
            long bound = next + WINDOW_MS + 2_000 + 10_000;
            reader.readUntil(alerts -> alerts.stream().map(FutureProducerIT::transition).toList().containsAll(expected),
                    Duration.ofMillis(Math.max(0, bound - System.currentTimeMillis())));
            reader.drain(Duration.ofSeconds(2));
            List<String> transitions = reader.alerts.stream().map(FutureProducerIT::transition).toList();
            LOG.info("Transitions: {}", transitions);

            // And: one event 10 minutes ahead, beyond what the engine accepts. Sent only now, so that if it were
            // counted it could not disturb the windows above (its failure is reported on its own).
            long farAhead = System.currentTimeMillis() + Duration.ofMinutes(10).toMillis();
            String tooFar = event(farAhead, 502);
            producerA.send(topic, null, farAhead, "checkout", tooFar).get();
            List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(fx);

            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(transitions).as("B's events all counted in the current window; A's in the next, judged after it")
                        .containsExactlyInAnyOrderElementsOf(expected);
                soft.assertThat(valueOf(reader.alerts, expected.get(1))).as("the current window's count at critical").isEqualTo(9.0);
                soft.assertThat(valueOf(reader.alerts, expected.get(2))).as("A's window's count").isEqualTo(5.0);
                soft.assertThat(dead).as("dead-letter records (the event 10 minutes ahead)").hasSize(1);
                if (dead.size() == 1) {
                    soft.assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).as("original bytes").isEqualTo(tooFar);
                    soft.assertThat(reasons(dead.get(0))).as("reason headers")
                            .anySatisfy(reason -> assertThat(reason.toLowerCase(Locale.ROOT)).contains("future"));
                }
            });
        }
    }

    /** The dead-letter topic's records, read until one arrives or 10 s pass. */
    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(StreamsFixture fx) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = fx.config().deadLetterTopic();
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (dead.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
        }
        return dead;
    }

    /** The values of the headers that say why a record was dead-lettered. */
    private static List<String> reasons(ConsumerRecord<byte[], byte[]> r) {
        List<String> reasons = new ArrayList<>();
        for (Header h : r.headers()) {
            if (h.key().equals(DeadLetters.ERROR_TYPE) || h.key().equals(DeadLetters.ERROR_MESSAGE)) {
                reasons.add(new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return reasons;
    }

    private static String transition(Map<String, Object> a) {
        return a.get("alertKey") + " " + a.get("status") + " " + a.get("level") + " " + a.get("previousLevel") + " "
                + Instant.ofEpochMilli(start(a));
    }

    private static Object valueOf(List<Map<String, Object>> alerts, String transition) {
        return alerts.stream().filter(a -> transition(a).equals(transition)).findFirst().map(a -> a.get("value")).orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static long start(Map<String, Object> alert) {
        return Instant.parse((String) ((Map<String, Object>) alert.get("window")).get("start")).toEpochMilli();
    }

    private static String event(long time, int status) {
        return "{\"timestamp\":" + time + ",\"service\":\"checkout\",\"status\":" + status + "}";
    }
}
