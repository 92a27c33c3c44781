package io.alertstream.connectors.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What a user of the index sees, through the plain REST API: counts, documents, mappings. */
final class ElasticsearchHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ElasticsearchHttp(String url) {
        this.url = url;
    }

    /** Documents in the indices matching {@code pattern}, after a refresh; -1 while none exists. */
    long count(String pattern) {
        JsonNode refreshed = call("POST", "/" + pattern + "/_refresh?allow_no_indices=true");
        JsonNode count = call("GET", "/" + pattern + "/_count?allow_no_indices=true");
        return refreshed == null || count == null ? -1 : count.path("count").asLong(-1);
    }

    JsonNode get(String path) {
        return call("GET", path);
    }

    private JsonNode call(String method, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                            .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
