package io.alertstream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Connect distributed worker running in this JVM, with its REST API on 127.0.0.1.
 *
 * <p>Input: the bootstrap servers of a broker and optional worker property overrides. Output: the
 * REST API at {@link #restUrl()} plus helpers to create, watch and delete connectors. Semantics:
 * every instance uses its own group id and its own config/offset/status topics (replication
 * factor 1), so several workers on one broker never join each other's group. Connectors are found
 * on the classpath through {@code META-INF/services} ({@code plugin.discovery=service_load}),
 * which starts ~5 s faster and uses ~500 MB less than classpath scanning.
 */
public final class EmbeddedConnect implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedConnect.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REBALANCE_RETRY_TIMEOUT = Duration.ofSeconds(30);

    private final Connect<DistributedHerder> connect;
    private final String restUrl;
    private final ConnectRestClient rest;

    private EmbeddedConnect(Connect<DistributedHerder> connect) {
        this.connect = connect;
        String serverUrl = connect.rest().serverUrl().toString();
        this.restUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.rest = new ConnectRestClient(restUrl);
    }

    /** Starts a worker against {@code bootstrapServers} with the default worker properties. */
    public static EmbeddedConnect start(String bootstrapServers) {
        return builder().bootstrapServers(bootstrapServers).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String restUrl() {
        return restUrl;
    }

    /** Creates or updates a connector; throws with the REST error body on a 4xx/5xx answer. */
    public void putConnector(String name, Map<String, String> config) {
        String path = "/connectors/" + ConnectRestClient.segment(name) + "/config";
        ConnectRestClient.Response response = retryWhileRebalancing(() -> rest.put(path, config));
        if (!response.ok()) {
            throw new IllegalStateException("PUT " + restUrl + path + " answered " + response.status() + ": " + response.body());
        }
    }

    /**
     * Waits until the connector and exactly {@code tasks} tasks are RUNNING. Fails at once when the
     * connector or a task is FAILED, and at the deadline otherwise; the {@link AssertionError} carries
     * the status JSON, including task stack traces.
     */
    public void awaitConnectorRunning(String name, int tasks, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "(no status yet)";
        while (true) {
            ConnectRestClient.Response response = rest.get(statusPath(name));
            if (response.ok()) {
                last = response.body();
                JsonNode status = readJson(last);
                if (hasFailure(status)) {
                    throw new AssertionError("Connector " + name + " failed: " + last);
                }
                if (isRunning(status, tasks)) {
                    return;
                }
            } else {
                last = response.status() + " " + response.body();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Connector " + name + " did not reach RUNNING with " + tasks
                    + " RUNNING task(s) within " + timeout.toMillis() + " ms; last status: " + last);
            }
            Waits.sleep(200);
        }
    }

    /** Raw {@code GET /connectors/{name}/status} JSON; throws if the worker does not know the connector. */
    public String connectorStatus(String name) {
        ConnectRestClient.Response response = rest.get(statusPath(name));
        if (!response.ok()) {
            throw new IllegalStateException("GET " + restUrl + statusPath(name) + " answered "
                + response.status() + ": " + response.body());
        }
        return response.body();
    }

    /** Deletes a connector; a connector that does not exist is fine. */
    public void deleteConnector(String name) {
        String path = "/connectors/" + ConnectRestClient.segment(name);
        ConnectRestClient.Response response = retryWhileRebalancing(() -> rest.delete(path));
        if (!response.ok() && response.status() != 404) {
            throw new IllegalStateException("DELETE " + restUrl + path + " answered " + response.status() + ": " + response.body());
        }
    }

    /** Stops the worker (its connectors stop; their configs stay in the worker's topics). */
    @Override
    public void close() {
        LOG.info("Stopping Connect worker {}", restUrl);
        connect.stop();
        connect.awaitStop();
    }

    private static String statusPath(String name) {
        return "/connectors/" + ConnectRestClient.segment(name) + "/status";
    }

    private static boolean hasFailure(JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            return true;
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRunning(JsonNode status, int tasks) {
        if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
            return false;
        }
        int running = 0;
        for (JsonNode task : status.path("tasks")) {
            if ("RUNNING".equals(task.path("state").asText())) {
                running++;
            }
        }
        return running == tasks && status.path("tasks").size() == tasks;
    }

    private static JsonNode readJson(String body) {
        try {
            return ConnectRestClient.json().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Connect answered with invalid JSON: " + body, e);
        }
    }

    /** 409: the worker group is rebalancing (e.g. right after start); the request is safe to repeat. */
    private static ConnectRestClient.Response retryWhileRebalancing(java.util.function.Supplier<ConnectRestClient.Response> call) {
        long deadline = System.nanoTime() + REBALANCE_RETRY_TIMEOUT.toNanos();
        while (true) {
            ConnectRestClient.Response response = call.get();
            if (response.status() != 409 || System.nanoTime() - deadline > 0) {
                return response;
            }
            Waits.sleep(250);
        }
    }

    private void awaitReady() {
        // /health answers 200 only once the herder has joined its group and read the config topic.
        Waits.until(() -> rest.get("/health").ok(), READY_TIMEOUT,
            () -> "Connect worker at " + restUrl + " did not become healthy: " + rest.get("/health"));
    }

    /** Worker options; {@link #bootstrapServers(String)} is required. */
    public static final class Builder {
        private final Map<String, String> workerProperties = new LinkedHashMap<>();

        private Builder() {
            String id = "alertstream-connect-" + UUID.randomUUID().toString().substring(0, 8);
            workerProperties.put("listeners", "http://127.0.0.1:0");
            workerProperties.put("group.id", id);
            workerProperties.put("config.storage.topic", id + "-configs");
            workerProperties.put("offset.storage.topic", id + "-offsets");
            workerProperties.put("status.storage.topic", id + "-status");
            workerProperties.put("config.storage.replication.factor", "1");
            workerProperties.put("offset.storage.replication.factor", "1");
            workerProperties.put("status.storage.replication.factor", "1");
            workerProperties.put("offset.storage.partitions", "5");
            workerProperties.put("status.storage.partitions", "1");
            workerProperties.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
            workerProperties.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            workerProperties.put("value.converter.schemas.enable", "false");
            workerProperties.put("plugin.discovery", "service_load");
            workerProperties.put("offset.flush.interval.ms", "1000");
            workerProperties.put("scheduled.rebalance.max.delay.ms", "1000");
            // alertstream writes alerts, counters and notifications in transactions: sinks must not see
            // records of aborted ones (a crashed instance's), which read_uncommitted (Connect's default) shows.
            workerProperties.put("consumer.isolation.level", "read_committed");
        }

        public Builder bootstrapServers(String bootstrapServers) {
            return workerProperty("bootstrap.servers", bootstrapServers);
        }

        /** Any worker property; overrides the defaults above. */
        public Builder workerProperty(String key, String value) {
            workerProperties.put(key, value);
            return this;
        }

        public EmbeddedConnect start() {
            if (!workerProperties.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("EmbeddedConnect needs bootstrap.servers: call bootstrapServers(...)");
            }
            ExitGuard.install();
            long started = System.nanoTime();
            Connect<DistributedHerder> connect;
            try {
                connect = new ConnectDistributed().startConnect(Map.copyOf(workerProperties));
            } catch (RuntimeException e) {
                throw new IllegalStateException("Connect worker did not start against "
                    + workerProperties.get("bootstrap.servers") + ": " + e.getMessage(), e);
            }
            EmbeddedConnect worker = new EmbeddedConnect(connect);
            try {
                worker.awaitReady();
            } catch (RuntimeException e) {
                worker.close();
                throw e;
            }
            LOG.info("Connect worker up at {} in {} ms (group {})", worker.restUrl,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), workerProperties.get("group.id"));
            return worker;
        }
    }
}
