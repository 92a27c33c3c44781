package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.errors.ErrorCounts;
import io.alertstream.topology.runtime.AlertStreamsApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue #14 on a real broker, which (unlike TopologyTestDriver) refuses negative timestamps, times more
 * than an hour ahead and records above {@code max.request.size}: each poison event, sent between valid
 * ones, goes to the dead-letter topic with its reason, the valid ones still alert, and no stream thread
 * dies (the application stays RUNNING with its original threads, and no exception handler had to step in).
 */
class PoisonEventsIT {
    private static final Logger LOG = LoggerFactory.getLogger(PoisonEventsIT.class);
    /** 8192 / 8 bytes / 2 open windows (1 m tumbling, no grace): 512 distinct values per window. */
    private static final int DISTINCT_PER_WINDOW = 512;
    private static final String RULES = """
            rules:
              - id: errors
                filter: event.status >= 500
                group_by: [service]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: 2}
              - id: latency
                group_by: [service]
                window: {size: 1m}
                aggregate: {function: p95, field: latency_ms}
                triggers:
                  warning: {above: 1e12}
              - id: users
                group_by: [service]
                window: {size: 1m}
                aggregate: {function: distinct_count, field: user}
                triggers:
                  warning: {above: 1000000}
            """;

    @RegisterExtension
    static final SharedKafka KAFKA = new SharedKafka();

    @TempDir
    static Path tmp;

    /** A poison event and the reason its dead letter must carry. */
    private record Poison(String name, String json, String reason, Headers headers) {
        Poison(String name, String json, String reason) {
            this(name, json, reason, new RecordHeaders());
        }
    }

    @Test
    void shouldDeadLetterEveryPoisonEventAndKeepAlertingWithoutLosingAThread() throws Exception {
        StreamsFixture fx = new StreamsFixture(KAFKA.bootstrapServers(), tmp, Map.of("alertstream.idle.timeout", "2s",
                "alertstream.state.max.distinct.bytes", "8192"));
        fx.createTopics(2);
        fx.publishRules(RULES);
        String topic = fx.config().inputTopics().get(0);
        long errorsBefore = ErrorCounts.total();
        try (AlertStreamsApp app = fx.startInstance("a"); AlertsReader reader = fx.alerts();
             EventSender sender = new EventSender(KAFKA.bootstrapServers())) {
            Set<String> threadsAtStart = threadNames(app.streams());
            long now = System.currentTimeMillis();
            List<Poison> poison = poison(now);
            List<String> expectedAlerts = new ArrayList<>();
            // Given: every poison event between valid ones; each valid group ("ok-i", three errors) fires.
            for (int i = 0; i <= poison.size(); i++) {
                String service = "ok-" + i;
                for (int n = 0; n < 3; n++) {
                    sender.send(topic, null, now, service, "{\"timestamp\":" + now + ",\"service\":\"" + service
                            + "\",\"status\":500,\"latency_ms\":12,\"user\":\"u" + n + "\"}");
                }
                expectedAlerts.add("errors|service=\"" + service + "\" FIRING warning");
                if (i < poison.size()) {
                    sender.send(topic, null, now, "poison", poison.get(i).json(), poison.get(i).headers());
                }
                sender.flush();
            }
            // And: one group with far more distinct users than its bounded state keeps.
            for (int u = 0; u < 3 * DISTINCT_PER_WINDOW; u++) {
                sender.send(topic, null, now, "d", "{\"timestamp\":" + now + ",\"service\":\"distinct\",\"status\":200,\"user\":\"user-" + u + "\"}");
            }
            sender.flush();
            LOG.info("Sent {} poison events between valid ones at {}", poison.size(), Instant.ofEpochMilli(now));

            // Then: the valid groups all fire.
            reader.readUntil(alerts -> transitions(alerts).containsAll(expectedAlerts), Duration.ofSeconds(90));
            List<ConsumerRecord<byte[], byte[]>> dead = deadLetters(fx, poison.size(), Duration.ofSeconds(60));
            Map<String, Long> dropped = metricTotals(app.streams(), "distinct-values-dropped-total");

            SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(transitions(reader.alerts)).as("every valid group fires, poison or not").containsAll(expectedAlerts);
                soft.assertThat(dead.stream().map(r -> header(r, DeadLetters.ERROR_TYPE)).toList()).as("one dead letter per poison event, with its reason")
                        .containsExactlyInAnyOrderElementsOf(poison.stream().map(Poison::reason).toList());
                for (ConsumerRecord<byte[], byte[]> r : dead) {
                    soft.assertThat(header(r, DeadLetters.SOURCE_TOPIC)).as("source topic").isEqualTo(topic);
                    soft.assertThat(header(r, DeadLetters.SOURCE_OFFSET)).as("source offset").isNotNull();
                    soft.assertThat(r.headers().lastHeader(DeadLetters.ERROR_MESSAGE).value().length).as("message header bounded")
                            .isLessThanOrEqualTo(DeadLetters.MAX_MESSAGE_BYTES);
                }
                soft.assertThat(dead.stream().filter(r -> r.value() == null).map(r -> header(r, DeadLetters.DROPPED)).toList())
                        .as("the near-1 MiB event's dead letter keeps its coordinates but not its value").hasSize(1)
                        .allSatisfy(h -> assertThat(h).contains("value", "alertstream.dead-letter.max.bytes"));
                soft.assertThat(dead.stream().filter(r -> "bad-timestamp".equals(header(r, DeadLetters.ERROR_TYPE)))
                        .filter(r -> r.value() != null && r.value().length > 600_000).toList())
                        .as("the 600 KB timestamp's dead letter carries the original value").hasSize(1);
                soft.assertThat(dead.stream().filter(r -> header(r, DeadLetters.DROPPED) != null
                                && header(r, DeadLetters.DROPPED).startsWith("the producer's headers")).toList())
                        .as("the dead letter of the event with a 990 KB header: the header left out, the value kept").singleElement()
                        .satisfies(r -> {
                            assertThat(r.headers().lastHeader("alertstream.pad")).isNull();
                            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("not a time");
                        });
                soft.assertThat(dropped.values().stream().mapToLong(Long::longValue).sum()).as("distinct values dropped for the state bound")
                        .isPositive();
                soft.assertThat(app.streams().state()).as("still running").isEqualTo(KafkaStreams.State.RUNNING);
                soft.assertThat(threadNames(app.streams())).as("no stream thread died and was replaced").isEqualTo(threadsAtStart);
                soft.assertThat(ErrorCounts.total() - errorsBefore).as("no exception handler had to step in").isZero();
            });
        }
    }

    private static List<Poison> poison(long now) {
        String ok = ",\"service\":\"p\",\"status\":500";
        return List.of(
                new Poison("epoch millis -1", "{\"timestamp\":-1" + ok + "}", DeadLetterReasons.NEGATIVE_TIMESTAMP),
                new Poison("one second before 1970", "{\"timestamp\":\"1969-12-31T23:59:59Z\"" + ok + "}", DeadLetterReasons.NEGATIVE_TIMESTAMP),
                new Poison("year 1e9 (overflows epoch millis)", "{\"timestamp\":\"+1000000000-01-01T00:00:00Z\"" + ok + "}",
                        DeadLetterReasons.FUTURE_TIMESTAMP),
                new Poison("-1e400 as a time", "{\"timestamp\":-1e400" + ok + "}", DeadLetterReasons.NON_FINITE_NUMBER),
                new Poison("year 2099", "{\"timestamp\":\"2099-01-01T00:00:00Z\"" + ok + "}", DeadLetterReasons.FUTURE_TIMESTAMP),
                new Poison("1e400 latency for p95", "{\"timestamp\":" + now + ok + ",\"latency_ms\":1e400}", DeadLetterReasons.NON_FINITE_NUMBER),
                new Poison("1e400 as a group value", "{\"timestamp\":" + now + ",\"service\":1e400,\"status\":500}",
                        DeadLetterReasons.NON_FINITE_NUMBER),
                new Poison("600 KB timestamp string", "{\"timestamp\":\"" + "9".repeat(600_000) + "\"" + ok + "}", DeadLetterReasons.BAD_TIMESTAMP),
                new Poison("400 KB group value", "{\"timestamp\":" + now + ",\"service\":\"" + "s".repeat(400_000) + "\",\"status\":500}",
                        DeadLetterReasons.GROUP_VALUE_TOO_LARGE),
                new Poison("near 1 MiB of broken JSON", "{\"pad\":\"" + "x".repeat(1_000_000), DeadLetterReasons.MALFORMED_JSON),
                // The producer names its headers: ~990 KB in the dead letters' own namespace, plus a forged reason.
                new Poison("990 KB header named alertstream.*", "{\"timestamp\":\"not a time\"" + ok + "}", DeadLetterReasons.BAD_TIMESTAMP,
                        new RecordHeaders().add("alertstream.pad", new byte[990_000])
                                .add(DeadLetters.ERROR_TYPE, "forged".getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> transitions(List<Map<String, Object>> alerts) {
        return alerts.stream().map(a -> a.get("alertKey") + " " + a.get("status") + " " + a.get("level")).toList();
    }

    private static Set<String> threadNames(KafkaStreams streams) {
        return streams.metadataForLocalThreads().stream().map(ThreadMetadata::threadName).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Map<String, Long> metricTotals(KafkaStreams streams, String name) {
        return streams.metrics().entrySet().stream().filter(e -> e.getKey().name().equals(name))
                .collect(Collectors.toMap(e -> e.getKey().tags().toString(), e -> ((Number) e.getValue().metricValue()).longValue(), Long::sum));
    }

    /** The dead-letter topic's records (read_committed), read until {@code expected} arrived or the timeout passes, then a little more. */
    private static List<ConsumerRecord<byte[], byte[]>> deadLetters(StreamsFixture fx, int expected, Duration timeout) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(2 * 1024 * 1024));
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            String topic = fx.config().deadLetterTopic();
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (dead.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(dead::add);
        }
        return dead;
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
