package io.alertstream.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realistic demo events for the shipped rules, about 40 per second: HTTP requests of three services
 * with routes, statuses and latencies, and logins. Every 40 seconds checkout has a 6-second error
 * burst (the demo rule fires warning, then critical, and resolves once the burst's window has
 * closed), search gets slow for a while, and a login storm hits one account.
 */
final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] SERVICES = {"checkout", "search", "cart"};
    private static final String[] ROUTES = {"/pay", "/search", "/cart", "/items"};
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Thread thread;
    private final Random random = new Random(42);
    private volatile boolean running = true;

    DemoTraffic(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.thread = new Thread(this::loop, "alertstream-dev-demo-traffic");
        this.thread.setDaemon(true);
    }

    DemoTraffic start() {
        thread.start();
        return this;
    }

    private void loop() {
        long started = System.currentTimeMillis();
        try {
            while (running) {
                long now = System.currentTimeMillis();
                long phase = ((now - started) / 1000) % 40;
                for (int i = 0; i < 4; i++) {
                    send(request(now, phase));
                }
                if (phase >= 3 && phase < 9 && random.nextInt(2) == 0) {
                    send(event(now, "checkout", "/pay", 500 + random.nextInt(4), 120)); // burst: ~5 errors per second
                }
                if (phase >= 10 && phase < 25 && random.nextInt(3) == 0) {
                    send(login(now, "mallory", "failure"));
                } else if (random.nextInt(5) == 0) {
                    send(login(now, "user" + random.nextInt(50), random.nextInt(10) == 0 ? "failure" : "success"));
                }
                Thread.sleep(100); // pacing: ~10 rounds a second make the demo's steady ~40 events/s
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                LOG.warn("Demo traffic stopped: {}", e.toString());
            }
        }
    }

    private Map<String, Object> request(long now, long phase) {
        String service = SERVICES[random.nextInt(SERVICES.length)];
        String route = ROUTES[random.nextInt(ROUTES.length)];
        boolean slowSearch = route.equals("/search") && phase >= 15 && phase < 35;
        long latency = slowSearch ? 350 + random.nextInt(400) : 20 + random.nextInt(120);
        int status = random.nextInt(200) == 0 ? 500 : 200;
        return event(now, service, route, status, latency);
    }

    private static Map<String, Object> event(long now, String service, String route, int status, long latency) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("timestamp", Instant.ofEpochMilli(now).toString());
        e.put("kind", "request");
        e.put("service", service);
        e.put("http", Map.of("route", route, "method", "GET"));
        e.put("status", status);
        e.put("latency_ms", latency);
        return e;
    }

    private static Map<String, Object> login(long now, String user, String outcome) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("timestamp", Instant.ofEpochMilli(now).toString());
        e.put("type", "login");
        e.put("user", user);
        e.put("outcome", outcome);
        return e;
    }

    private void send(Map<String, Object> event) {
        try {
            producer.send(new ProducerRecord<>(topic, null, JSON.writeValueAsBytes(event)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
