package io.alertstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real Elasticsearch node: index, search, stop/restart on the same port keeps the data. */
class EmbeddedElasticsearchIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static EmbeddedElasticsearch elasticsearch;

    @BeforeAll
    static void startNode() {
        elasticsearch = EmbeddedElasticsearch.builder().heapMb(256).start();
    }

    @AfterAll
    static void stopNode() {
        elasticsearch.close();
    }

    @Test
    void shouldIndexSearchAndKeepADocumentAcrossRestart() throws Exception {
        String url = elasticsearch.url();
        HttpResponse<String> indexed = send("PUT", "/alerts/_doc/1?refresh=true", "{\"rule\":\"cpu-high\",\"state\":\"FIRING\"}");
        assertThat(indexed.statusCode()).as(indexed.body()).isEqualTo(201);

        HttpResponse<String> found = send("POST", "/alerts/_search", "{\"query\":{\"term\":{\"state.keyword\":\"FIRING\"}}}");
        assertThat(found.body()).contains("\"total\":{\"value\":1").contains("cpu-high");

        elasticsearch.stop();
        assertThatThrownBy(() -> send("GET", "/_cluster/health", null)).isInstanceOf(IOException.class);

        elasticsearch.restart();
        assertThat(elasticsearch.url()).isEqualTo(url);
        HttpResponse<String> afterRestart = send("GET", "/alerts/_doc/1", null);
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(afterRestart.body()).contains("\"found\":true").contains("cpu-high");
    }

    @Test
    void shouldReportClusterHealthOnTheLoopbackUrl() throws Exception {
        assertThat(elasticsearch.url()).matches("http://127\\.0\\.0\\.1:\\d+");
        HttpResponse<String> health = send("GET", "/_cluster/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"");
    }

    private static HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(elasticsearch.url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
