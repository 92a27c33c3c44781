package io.alertstream.topology.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.testkit.EmbeddedKafka;
import io.alertstream.topology.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code alertstream dead-letters list|replay} on a real broker: the listing shows each dead letter's
 * reason and origin; a replay sends the original records (their own headers, no dead-letter headers) back
 * to their source topics, per reason, once only, and reports what it could not replay.
 */
class DeadLetterReplayIT {
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
        for (String t : List.of("events", "events.dlq", "notifications")) {
            kafka.createTopic(t, 1, Map.of());
        }
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void shouldListThenReplayEachReasonOnceToItsSourceTopic() throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(deadLetter("{not json", "malformed-json", "events", 7, Map.of("trace-id", "t1"))).get();
            producer.send(deadLetter("{\"timestamp\":\"2099-01-01T00:00:00Z\"}", "future-timestamp", "events", 8, Map.of())).get();
            producer.send(deadLetter("{also bad", "malformed-json", "events", 9, Map.of())).get();
            RecordHeaders dropped = headers("oversize", "events", 10, Map.of(DeadLetterView.DROPPED,
                    "value (1048000 bytes): the dead letter would exceed alertstream.dead-letter.max.bytes=983040"));
            producer.send(new ProducerRecord<>("events.dlq", null, 1L, null, null, dropped)).get();
            RecordHeaders connect = new RecordHeaders();
            connect.add("__connect.errors.topic", utf8("notifications"));
            connect.add("__connect.errors.partition", utf8("0"));
            connect.add("__connect.errors.offset", utf8("3"));
            connect.add("__connect.errors.exception.class.name", utf8("org.apache.kafka.connect.errors.DataException"));
            connect.add("__connect.errors.exception.message", utf8("no id"));
            producer.send(new ProducerRecord<>("events.dlq", null, 2L, null, utf8("{\"channel\":\"email\"}"), connect)).get();
        }

        // Listing changes nothing and names reason and origin.
        Result list = cli("dead-letters", "list", "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(list.code).isZero();
        assertThat(list.out).contains("malformed-json  from events-0@7", "future-timestamp  from events-0@8",
                "oversize  from events-0@10 (value dropped for size)", "DataException  from notifications-0@3",
                "5 read, 5 matched");

        // Replaying one reason sends exactly those originals back, with their own headers only.
        Result first = cli("dead-letters", "replay", "--reason", "malformed-json", "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(first.code).isZero();
        assertThat(first.out).contains("2 matched", "2 replayed, 0 skipped");
        List<ConsumerRecord<byte[], byte[]>> events = read("events", 2);
        assertThat(events).extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("{not json", "{also bad");
        assertThat(headerKeys(events.get(0))).containsExactly("trace-id");
        assertThat(headerKeys(events.get(1))).isEmpty();

        // Again: nothing new for that reason.
        Result again = cli("dead-letters", "replay", "--reason", "malformed-json", "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(again.out).contains("0 matched", "0 replayed");

        // Everything else: the future one and the Connect one go back to their topics; the dropped value is reported.
        Result rest = cli("dead-letters", "replay", "--group", "all-at-once", "--reason", "future-timestamp",
                "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(rest.out).contains("1 replayed");
        Result all = cli("dead-letters", "replay", "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(all.code).as("exit code when something could not be replayed").isEqualTo(2);
        assertThat(all.out).contains("5 matched", "4 replayed, 1 skipped");
        assertThat(read("notifications", 1)).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly("{\"channel\":\"email\"}");
    }

    private record Result(int code, String out) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out + err.toString());
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(String value, String reason, String topic, long offset, Map<String, String> own) {
        return new ProducerRecord<>("events.dlq", null, 1_000L, utf8("k"), utf8(value), headers(reason, topic, offset, own));
    }

    private static RecordHeaders headers(String reason, String topic, long offset, Map<String, String> extra) {
        RecordHeaders h = new RecordHeaders();
        extra.forEach((k, v) -> h.add(k, utf8(v)));
        h.add("alertstream.error.type", utf8(reason));
        h.add("alertstream.error.message", utf8("because " + reason));
        h.add("alertstream.source.topic", utf8(topic));
        h.add("alertstream.source.partition", utf8("0"));
        h.add("alertstream.source.offset", utf8(String.valueOf(offset)));
        return h;
    }

    private static List<String> headerKeys(ConsumerRecord<byte[], byte[]> r) {
        List<String> keys = new ArrayList<>();
        for (Header h : r.headers()) {
            keys.add(h.key());
        }
        return keys;
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < atLeast && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            out.addAll(c.poll(Duration.ofMillis(500)).records(tp));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
