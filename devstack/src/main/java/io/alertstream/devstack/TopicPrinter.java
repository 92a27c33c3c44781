package io.alertstream.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.rules.Numbers;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints every new record of a topic as one line, as a user watching {@code alertstream dev} wants it:
 * alert transitions ({@code 12:00:15 FIRING   critical  demo-checkout-errors|service="checkout"  value=21  ...})
 * and alarm digests ({@code digest   demo-user: 1 new  demo-checkout-errors|service="checkout" CRITICAL since ...}).
 * Reads committed records only, so it shows exactly what downstream consumers see.
 */
final class TopicPrinter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final PrintWriter out;
    private final Function<String, String> format;

    static TopicPrinter alerts(String bootstrap, String topic, PrintWriter out) {
        return new TopicPrinter(bootstrap, topic, out, TopicPrinter::alertLine);
    }

    static TopicPrinter digests(String bootstrap, String topic, PrintWriter out) {
        return new TopicPrinter(bootstrap, topic, out, TopicPrinter::digestLine);
    }

    private TopicPrinter(String bootstrap, String topic, PrintWriter out, Function<String, String> format) {
        this.out = out;
        this.format = format;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        // No consumer group: a watcher owns nothing and commits nothing; it shows what is new from now on.
        List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::loop, "alertstream-dev-printer-" + topic);
        this.thread.setDaemon(true);
    }

    TopicPrinter start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(format.apply(r.value()));
                    out.flush();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    static String alertLine(String json) {
        try {
            JsonNode a = JSON.readTree(json);
            String level = a.path("level").isNull() ? "-" : a.path("level").asText();
            // An absence alert has no value: its summary says what is missing.
            String value = a.path("value").isNumber() ? "value=" + Numbers.format(a.path("value").asDouble()) + "  " : "";
            return String.format("%s %-8s %-8s %s  %s%s%s", time(a.path("at").asText()),
                    a.path("status").asText(), level, a.path("alertKey").asText(), value, levelChange(a),
                    a.path("summary").asText());
        } catch (java.io.IOException e) {
            return "alert (unreadable): " + json;
        }
    }

    /** An alert's RFC 3339 time as {@code 2026-01-01 00:03:05.000} (UTC), always with milliseconds so lines align. */
    static String time(String at) {
        try {
            return TIME.format(java.time.Instant.parse(at));
        } catch (java.time.format.DateTimeParseException e) {
            return at;
        }
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(java.time.ZoneOffset.UTC);

    /** {@code "(down from critical)  "} when a firing alert changed level, so a de-escalation does not read as news. */
    static String levelChange(JsonNode a) {
        String level = a.path("level").asText("");
        String previous = a.path("previousLevel").asText("");
        if (!"FIRING".equals(a.path("status").asText()) || previous.isEmpty() || previous.equals(level)) {
            return "";
        }
        return ("critical".equals(previous) ? "(down from " : "(up from ") + previous + ")  ";
    }

    static String digestLine(String json) {
        try {
            JsonNode d = JSON.readTree(json);
            JsonNode alarms = d.path("ActiveAlarms");
            if (alarms.isEmpty()) {
                return "digest   " + d.path("UserID").asText() + ": nothing new";
            }
            StringBuilder s = new StringBuilder("digest   ").append(d.path("UserID").asText()).append(": ")
                    .append(alarms.size()).append(" new");
            for (JsonNode a : alarms) {
                s.append("  ").append(a.path("AlarmID").asText()).append(' ').append(a.path("Status").asText())
                        .append(" since ").append(a.path("LatestChangedAt").asText());
            }
            return s.toString();
        } catch (java.io.IOException e) {
            return "digest (unreadable): " + json;
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
