package io.alertstream.connectors.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.connectors.common.TestRecords;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bulk writer against a fake Elasticsearch HTTP endpoint that answers 413 to any bulk body above a
 * size limit (like {@code http.max_content_length}): the writer splits the request until the halves fit,
 * and a document that alone exceeds the limit becomes a rejection (dead-letter), never a failed task.
 */
class BulkSplitOnTooLargeTest {
    private static final int LIMIT_BYTES = 2_000;
    private final List<Integer> bulkSizes = new CopyOnWriteArrayList<>();
    private final List<String> indexedIds = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ElasticsearchBulkWriter writer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
            bulkSizes.add(lines.length / 2);
            if (body.length > LIMIT_BYTES) {
                // Like Elasticsearch's HTTP layer: a bare 413, no body and no X-Elastic-Product header.
                exchange.sendResponseHeaders(413, -1);
                exchange.close();
                return;
            }
            StringBuilder items = new StringBuilder();
            for (int i = 0; i + 1 < lines.length; i += 2) {
                String id = lines[i].replaceAll(".*\"_id\":\"([^\"]+)\".*", "$1");
                indexedIds.add(id);
                items.append(items.length() == 0 ? "" : ",").append("{\"index\":{\"_index\":\"events\",\"_id\":\"")
                        .append(id).append("\",\"status\":201,\"result\":\"created\"}}");
            }
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] answer = ("{\"took\":1,\"errors\":false,\"items\":[" + items + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        writer = new ElasticsearchBulkWriter(new ElasticsearchSinkConnectorConfig(Map.of(
                "connection.urls", "http://127.0.0.1:" + server.getAddress().getPort(),
                "max.retries", "0", "retry.backoff.ms", "1", "retry.backoff.max.ms", "1")));
    }

    @AfterEach
    void stop() {
        writer.close();
        server.stop(0);
    }

    private static IndexDocument document(long offset, int padding) {
        ObjectNode source = JsonNodeFactory.instance.objectNode().put("pad", "x".repeat(padding));
        return new IndexDocument("events", "doc-" + offset, source,
                TestRecords.record("events", 0, offset, Map.of("pad", "x"), 1L));
    }

    @Test
    void aTooLargeBulkShouldBeSplitUntilItFits() {
        List<IndexDocument> documents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            documents.add(document(i, 300));
        }

        List<DocumentRejection> rejections = writer.write(documents);

        assertThat(rejections).isEmpty();
        assertThat(indexedIds).containsExactlyInAnyOrder("doc-0", "doc-1", "doc-2", "doc-3", "doc-4", "doc-5",
                "doc-6", "doc-7");
        assertThat(bulkSizes.get(0)).isEqualTo(8);
        assertThat(bulkSizes).contains(4);
    }

    @Test
    void aSingleDocumentTooLargeShouldBeARejectionAndTheOthersIndexed() {
        List<IndexDocument> documents = List.of(document(0, 10), document(1, 5_000), document(2, 10));

        List<DocumentRejection> rejections = writer.write(documents);

        assertThat(rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.document().id()).isEqualTo("doc-1");
            assertThat(rejection.status()).isEqualTo(413);
            assertThat(rejection.reason()).contains("http.max_content_length");
        });
        assertThat(indexedIds).containsExactlyInAnyOrder("doc-0", "doc-2");
    }
}
