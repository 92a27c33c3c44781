package io.alertstream.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.alertstream.api.alerts.LocalAlerts;
import io.alertstream.topology.model.Alert;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Elasticsearch archive's paging, filtering and failures, against a stand-in HTTP server that answers
 * {@code _search} like Elasticsearch (sorted hits with {@code sort} values, {@code search_after}); the real
 * server is in {@link ElasticsearchHistoryIT}.
 */
class ElasticsearchHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private final List<JsonNode> requests = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves {@code count} transitions t0..t(count-1), one second apart, owners alternating alice / bob. */
    private URI serve(int count) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            requests.add(body);
            int start = body.has("search_after") ? body.get("search_after").get(0).asInt() + 1 : 0;
            ObjectNode answer = JSON.createObjectNode();
            ArrayNode hits = answer.putObject("hits").putArray("hits");
            for (int i = start; i < Math.min(count, start + body.get("size").asInt()); i++) {
                Alert a = new Alert("t" + i, "k" + i, "r", Alert.FIRING, "warning", null, Map.of(), 1.0, 1.0, null, null,
                        T0.plusSeconds(i).toString(), "", Map.of(), List.of(i % 2 == 0 ? "alice" : "bob"), List.of());
                ObjectNode hit = hits.addObject();
                hit.set("_source", JSON.valueToTree(a));
                hit.putArray("sort").add(i).add("t" + i);
            }
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static ElasticsearchHistory history(URI url) {
        return new ElasticsearchHistory(List.of(url), "alerts-*", "", "", Duration.ofSeconds(2), null, JSON);
    }

    @Test
    void shouldPageWithSearchAfterUntilEnoughVisibleTransitionsAreFound() throws Exception {
        URI url = serve(ElasticsearchHistory.PAGE_SIZE * 2 + 10);
        LocalAlerts.HistoryPage page = history(url).range(T0, T0.plusSeconds(10_000), null,
                a -> a.owners().contains("bob"), ElasticsearchHistory.PAGE_SIZE);
        assertThat(page.transitions()).hasSize(ElasticsearchHistory.PAGE_SIZE);
        assertThat(page.transitions()).allMatch(a -> a.owners().contains("bob"));
        assertThat(page.transitions().get(0).id()).isEqualTo("t1");
        assertThat(page.truncated()).as("more of bob's remain").isTrue();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(1).get("search_after").get(1).asText()).isEqualTo("t" + (ElasticsearchHistory.PAGE_SIZE - 1));
    }

    @Test
    void shouldSayNotTruncatedWhenTheRangeIsExhausted() throws Exception {
        URI url = serve(7);
        LocalAlerts.HistoryPage page = history(url).range(T0, T0.plusSeconds(10), "r", a -> true, 7);
        assertThat(page.transitions()).extracting(Alert::id).containsExactly("t0", "t1", "t2", "t3", "t4", "t5", "t6");
        assertThat(page.truncated()).isFalse();
        JsonNode filters = requests.get(0).get("query").get("bool").get("filter");
        assertThat(filters.get(0).get("range").get("at").get("gte").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(filters.get(0).get("range").get("at").get("lt").asLong()).as("until is exclusive").isEqualTo(T0.plusSeconds(10).toEpochMilli());
        assertThat(filters.get(1).get("term").get("ruleId").asText()).isEqualTo("r");
    }

    @Test
    void shouldFailAsUnavailableWhenNoUrlAnswers() {
        ElasticsearchHistory unreachable = history(URI.create("http://127.0.0.1:1"));
        assertThatThrownBy(() -> unreachable.range(T0, T0.plusSeconds(1), null, a -> true, 10))
                .isInstanceOf(ArchiveUnavailableException.class).hasMessageContaining("127.0.0.1:1");
    }
}
