package io.alertstream.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Prints every alert transition as one line, as a user watching {@code alertstream dev} wants it:
 * {@code 12:00:15 FIRING   critical  demo-checkout-errors|service="checkout"  value=21  checkout: 21 errors ...}.
 * Reads committed records only, so it shows exactly what downstream consumers see.
 */
final class AlertPrinter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final PrintWriter out;

    AlertPrinter(String bootstrap, String topic, PrintWriter out) {
        this.out = out;
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
        this.thread = new Thread(this::loop, "alertstream-dev-alert-printer");
        this.thread.setDaemon(true);
    }

    AlertPrinter start() {
        thread.start();
        return this;
    }

    private void loop() {
        try {
            while (true) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    out.println(line(r.value()));
                    out.flush();
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    static String line(String json) {
        try {
            JsonNode a = JSON.readTree(json);
            String level = a.path("level").isNull() ? "-" : a.path("level").asText();
            return String.format("%s %-8s %-8s %s  value=%s  %s", a.path("at").asText().replace("T", " ").replace("Z", ""),
                    a.path("status").asText(), level, a.path("alertKey").asText(), a.path("value"), a.path("summary").asText());
        } catch (java.io.IOException e) {
            return "alert (unreadable): " + json;
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
