package io.alertstream.devstack;

import io.alertstream.connectors.metrics.ConnectorMetricsRestExtension;
import io.alertstream.testkit.EmbeddedConnect;
import io.alertstream.testkit.EmbeddedElasticsearch;
import io.alertstream.testkit.EmbeddedRedis;
import io.alertstream.topology.AlertTopologyConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The sink half of the dev stack: a Kafka Connect worker in-process, a real Elasticsearch node and a
 * real Redis server, a local mail catcher, and alertstream's connectors registered on them: events and
 * alerts into Elasticsearch (dated indices, alerts typed), counters into Redis, notifications by email,
 * and the uptime probe source checking the targets into {@code probes}. Elasticsearch starts in the
 * background while the broker and the topology come up, since it is the slowest part.
 */
final class SinkStack implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SinkStack.class);
    static final String DEAD_LETTER_TOPIC = "connect.dlq";
    static final String PROBES_CONNECTOR = "alertstream-probes";
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private CompletableFuture<EmbeddedElasticsearch> elasticsearch;
    private EmbeddedRedis redis;
    private EmbeddedConnect connect;
    private MailCatcher mail;
    private String probesTopic;

    /** Starts Elasticsearch in the background (call first: it takes longest). */
    void startElasticsearch(Path dataDir) {
        elasticsearch = CompletableFuture.supplyAsync(() -> EmbeddedElasticsearch.builder().heapMb(512).dataDir(dataDir).start());
    }

    /** Starts the local mail catcher; call before {@link #startConnectors} so the email sink is registered. */
    void startMailCatcher(int port, java.io.PrintWriter out) {
        mail = new MailCatcher(port, out).start();
        running.push(mail);
    }

    /** Starts Redis and the Connect worker, waits for Elasticsearch, registers the connectors. */
    void startConnectors(String bootstrap, AlertTopologyConfig config, boolean withRedis) {
        if (withRedis) {
            redis = EmbeddedRedis.start();
            running.push(redis);
        }
        createDeadLetterTopic(bootstrap);
        // The connectors' Prometheus metrics at <connect>/alertstream/metrics (ConnectorMetricsRestExtension).
        connect = EmbeddedConnect.builder().bootstrapServers(bootstrap)
                .workerProperty("rest.extension.classes", ConnectorMetricsRestExtension.class.getName()).start();
        running.push(connect);
        EmbeddedElasticsearch es = null;
        if (elasticsearch != null) {
            try {
                es = elasticsearch.join();
            } catch (RuntimeException e) {
                LOG.error("Elasticsearch did not start; going on without it (use --no-elasticsearch to skip it): {}",
                        e.getCause() == null ? e.toString() : e.getCause().toString());
                elasticsearch = null;
            }
        }
        if (es != null) {
            running.push(es);
            connect.putConnector("alertstream-es-events", elasticsearch(es.url(), config.inputTopics().get(0), "timestamp", "event", null));
            connect.putConnector("alertstream-es-alerts", elasticsearch(es.url(), config.alertsTopic(), "at", "alert", "id"));
            connect.awaitConnectorRunning("alertstream-es-events", 1, Duration.ofMinutes(2));
            connect.awaitConnectorRunning("alertstream-es-alerts", 1, Duration.ofMinutes(2));
        }
        registerProbes(bootstrap, config);
        if (mail != null) {
            Map<String, String> c = common(config.notifications().notificationsTopic());
            c.put("connector.class", "io.alertstream.connectors.email.EmailSinkConnector");
            c.put("smtp.host", "127.0.0.1");
            c.put("smtp.port", String.valueOf(mail.port()));
            c.put("smtp.security", "none");
            c.put("email.from", "alertstream dev <alertstream@alertstream.local>");
            connect.putConnector("alertstream-notify-email", c);
            connect.awaitConnectorRunning("alertstream-notify-email", 1, Duration.ofMinutes(2));
        }
        if (redis != null) {
            Map<String, String> c = common(config.countersTopic());
            c.put("connector.class", "io.alertstream.connectors.redis.RedisSinkConnector");
            c.put("redis.host", redis.host());
            c.put("redis.port", String.valueOf(redis.port()));
            connect.putConnector("alertstream-redis-counters", c);
            connect.awaitConnectorRunning("alertstream-redis-counters", 1, Duration.ofMinutes(2));
        }
    }

    /** The uptime probe source: checks the targets on {@code targets} and writes one result per check to {@code probes}. */
    private void registerProbes(String bootstrap, AlertTopologyConfig config) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("connector.class", "io.alertstream.connectors.probe.ProbeSourceConnector");
        c.put("tasks.max", "1");
        c.put("targets.topic", config.targetsTopic());
        c.put("targets.bootstrap.servers", bootstrap);
        c.put("probes.topic", config.probesTopic());
        c.put("probe.location", "dev");
        // Dev only: the demo targets are on this machine's 127.0.0.1, which the connector refuses by default
        // (a target must not make a shared worker probe its own network). Here the worker is the user's own.
        c.put("probe.allow.private.networks", "true");
        c.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        c.put("value.converter.schemas.enable", "false");
        connect.putConnector(PROBES_CONNECTOR, c);
        connect.awaitConnectorRunning(PROBES_CONNECTOR, 1, Duration.ofMinutes(2));
        probesTopic = config.probesTopic();
    }

    /** Made before the connectors, so Connect's reporter does not log an ERROR when it finds the topic missing. */
    private static void createDeadLetterTopic(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(DEAD_LETTER_TOPIC, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the topic " + DEAD_LETTER_TOPIC + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + DEAD_LETTER_TOPIC, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating the topic " + DEAD_LETTER_TOPIC, e);
        }
    }

    private static Map<String, String> elasticsearch(String url, String topic, String timeField, String profile, String idField) {
        Map<String, String> c = common(topic);
        c.put("connector.class", "io.alertstream.connectors.elasticsearch.ElasticsearchSinkConnector");
        c.put("connection.urls", url);
        c.put("index.pattern", "{topic}-{yyyy.MM.dd}");
        c.put("event.time.field", timeField);
        c.put("index.template.profile", profile);
        if (idField != null) {
            c.put("document.id.field", idField);
        }
        return c;
    }

    private static Map<String, String> common(String topic) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("topics", topic);
        c.put("tasks.max", "1");
        c.put("errors.tolerance", "all");
        c.put("errors.deadletterqueue.topic.name", DEAD_LETTER_TOPIC);
        c.put("errors.deadletterqueue.topic.replication.factor", "1");
        c.put("errors.deadletterqueue.context.headers.enable", "true");
        return c;
    }

    /** Where the worker serves the connectors' Prometheus metrics (null before the worker started). */
    String metricsUrl() {
        return connect == null ? null : connect.restUrl() + ConnectorMetricsRestExtension.PATH;
    }

    /** One line of URLs for the ready message. */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (connect != null) {
            s.append(" connect=").append(connect.restUrl());
            s.append(" connector-metrics=").append(metricsUrl());
        }
        if (elasticsearch != null && elasticsearch.isDone() && !elasticsearch.isCompletedExceptionally()) {
            s.append(" elasticsearch=").append(elasticsearch.join().url());
        }
        if (redis != null) {
            s.append(" redis=").append(redis.uri());
        }
        if (mail != null) {
            s.append(" smtp=127.0.0.1:").append(mail.port());
        }
        // Only the flows that run: --no-elasticsearch or --no-redis must not be announced as running.
        List<String> flows = new java.util.ArrayList<>();
        if (s.indexOf(" elasticsearch=") >= 0) {
            flows.add("events and alerts -> Elasticsearch");
        }
        if (redis != null) {
            flows.add("counters -> Redis");
        }
        if (mail != null) {
            flows.add("notifications -> mail catcher");
        }
        if (probesTopic != null) {
            flows.add("uptime probes -> " + probesTopic);
        }
        if (!flows.isEmpty()) {
            s.append(" (").append(String.join(", ", flows)).append(')');
        }
        return s.toString();
    }

    @Override
    public void close() throws Exception {
        if (elasticsearch != null && !elasticsearch.isDone()) {
            elasticsearch.thenAccept(EmbeddedElasticsearch::close);
        }
        // The worker first: its tasks flush to Elasticsearch and Redis while those still run, instead of
        // retrying into closed ports and failing their last commit.
        if (connect != null && running.remove(connect)) {
            connect.close();
        }
        while (!running.isEmpty()) {
            running.pop().close();
        }
    }
}
