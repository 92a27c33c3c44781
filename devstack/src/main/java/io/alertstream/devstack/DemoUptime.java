package io.alertstream.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.topology.targets.Target;
import io.alertstream.topology.targets.TargetsFile;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The dev stack's uptime demo: a small HTTP server on 127.0.0.1 (a free port) and two targets on the
 * {@code targets} topic, owned by {@code demo-user}, checked every 5 s with a threshold of 3 by the probe
 * connector. {@code /healthy} always answers 200. {@code /flaky} answers 503 for two minutes of every eight
 * (minutes 1 to 3 after start, then 9 to 11, ...) and 200 otherwise.
 *
 * <p>Why two in eight rather than half of the time: the shipped {@code uptime-failures} rule counts failures
 * over 5 minutes, so a target failing half of every few minutes never has a failure-free window and its alert,
 * once firing, never resolves. With six healthy minutes between outages the dev console shows the whole
 * cycle: FIRING about a minute and a half after start, RESOLVED about five and a half minutes after recovery.
 *
 * <p>The targets are written as a {@code targets.yaml} would be: read and validated by {@link TargetsFile},
 * then put on the topic as the exact {@link Target} JSON the publisher and the API write, keyed by id.
 */
final class DemoUptime implements AutoCloseable {
    static final String OWNER = "demo-user";
    static final Duration CYCLE = Duration.ofMinutes(8);
    static final Duration FAILING_FROM = Duration.ofMinutes(1);
    static final Duration FAILING_UNTIL = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final LongSupplier clock;
    private final long startedMs;

    /** Package-private so a test can hand in the clock; {@link #start} is the way in otherwise. */
    DemoUptime(HttpServer server, LongSupplier clock) {
        this.server = server;
        this.clock = clock;
        this.startedMs = clock.getAsLong();
    }

    /**
     * Starts the demo server and publishes its two targets to {@code targetsTopic}. The server takes the port it had
     * the last time {@code dev} ran on this data directory when that port is free: the url is part of an uptime
     * alert's group, so a new port on every restart would start new alerts and leave the old ones to time out.
     */
    static DemoUptime start(String bootstrap, String targetsTopic, Path dataDir) throws IOException {
        Path portFile = dataDir.resolve("demo-uptime.port");
        HttpServer server = bind(portFile);
        Files.writeString(portFile, Integer.toString(server.getAddress().getPort()));
        DemoUptime demo = new DemoUptime(server, System::currentTimeMillis);
        demo.server.createContext("/healthy", exchange -> answer(exchange, 200));
        demo.server.createContext("/flaky", exchange -> answer(exchange, demo.flakyStatus()));
        demo.server.start();
        try {
            demo.publishTargets(bootstrap, targetsTopic);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        return demo;
    }

    static HttpServer bind(Path portFile) throws IOException {
        try {
            int previous = Integer.parseInt(Files.readString(portFile).trim());
            return HttpServer.create(new InetSocketAddress("127.0.0.1", previous), 0);
        } catch (NoSuchFileException | NumberFormatException | BindException e) {
            return HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0); // first run, or the port is taken now
        }
    }

    /** 503 during the outage part of each cycle, else 200. */
    int flakyStatus() {
        long inCycle = (clock.getAsLong() - startedMs) % CYCLE.toMillis();
        return inCycle >= FAILING_FROM.toMillis() && inCycle < FAILING_UNTIL.toMillis() ? 503 : 200;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The demo's targets file, as a user would write it. */
    String targetsYaml() {
        return """
                owner: %s
                targets:
                  - id: demo-healthy
                    url: %s/healthy
                    interval: 5s
                    threshold: 3
                  - id: demo-flaky
                    url: %s/flaky
                    interval: 5s
                    threshold: 3
                """.formatted(OWNER, baseUrl(), baseUrl());
    }

    /** The demo targets as {@link TargetsFile} reads them, so they pass the same validation as a user's file. */
    java.util.List<Target> targets() {
        TargetsFile.Result file = TargetsFile.read("demo targets", targetsYaml(), Instant.now().toString());
        if (!file.ok()) {
            throw new IllegalStateException("The demo targets are invalid: " + file.problems());
        }
        return file.targets();
    }

    private void publishTargets(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Target t : targets()) {
                producer.send(new ProducerRecord<>(topic, t.id(), JSON.writeValueAsString(t))).get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the demo targets", e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish the demo targets to " + topic + ": " + e, e);
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = (status == 200 ? "ok\n" : "demo outage\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
