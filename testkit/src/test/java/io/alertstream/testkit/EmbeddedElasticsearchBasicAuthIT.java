package io.alertstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** A node started with basic-auth credentials rejects anonymous and wrong credentials, accepts the right ones. */
class EmbeddedElasticsearchBasicAuthIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldRequireTheConfiguredCredentials() throws Exception {
        try (EmbeddedElasticsearch elasticsearch = EmbeddedElasticsearch.builder().heapMb(256)
            .basicAuth("alertstream", "s3cret-pw").start()) {

            assertThat(health(elasticsearch, null).statusCode()).isEqualTo(401);
            assertThat(health(elasticsearch, "alertstream:wrong").statusCode()).isEqualTo(401);
            HttpResponse<String> authorised = health(elasticsearch, "alertstream:s3cret-pw");
            assertThat(authorised.statusCode()).as(authorised.body()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> health(EmbeddedElasticsearch elasticsearch, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(elasticsearch.url() + "/_cluster/health"))
            .timeout(Duration.ofSeconds(30));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
