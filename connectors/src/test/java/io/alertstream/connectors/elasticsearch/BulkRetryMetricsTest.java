package io.alertstream.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.connectors.common.TestRecords;
import io.alertstream.connectors.metrics.ConnectorMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A bulk request retried after a 503 is counted in alertstream_connector_elasticsearch_bulk_retries_total. */
class BulkRetryMetricsTest {
    @Test
    void aBulkRequestRetriedAfterA503ShouldBeCounted() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] answer = requests.incrementAndGet() == 1
                    ? "{\"error\":\"unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8)
                    : "{\"took\":1,\"errors\":false,\"items\":[{\"index\":{\"_index\":\"events\",\"_id\":\"doc-0\",\"status\":201}}]}"
                            .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(requests.get() == 1 ? 503 : 200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String connector = "es-retries-" + UUID.randomUUID();
        try (ElasticsearchBulkWriter writer = new ElasticsearchBulkWriter(new ElasticsearchSinkConnectorConfig(Map.of(
                "name", connector, "connection.urls", "http://127.0.0.1:" + server.getAddress().getPort(),
                "max.retries", "3", "retry.backoff.ms", "1", "retry.backoff.max.ms", "1")))) {
            List<DocumentRejection> rejections = writer.write(List.of(new IndexDocument("events", "doc-0",
                    JsonNodeFactory.instance.objectNode().put("a", 1), TestRecords.record("events", 0, 0, Map.of("a", 1)))));
            assertThat(rejections).isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(2);
        assertThat(ConnectorMetrics.registry().get(ConnectorMetrics.ELASTICSEARCH_RETRIES).tags("connector", connector, "task", "0")
                .counter().count()).isEqualTo(1);
    }
}
