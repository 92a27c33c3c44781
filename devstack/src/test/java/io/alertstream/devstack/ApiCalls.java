package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Calls to a running {@code alertstream api} as a user makes them (JSON in, JSON out), for the end-to-end tests. */
final class ApiCalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiCalls(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** POSTs {@code body}; asserts the status and returns the answer. */
    JsonNode post(String path, String bearer, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(path, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s answered %s", path, r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    /** GETs {@code path}; asserts 200 and returns the answer. */
    JsonNode get(String path, String bearer) throws Exception {
        HttpResponse<String> r = http.send(request(path, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s answered %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** DELETEs {@code path}; asserts the status and returns the answer (a missing node when it has no body, as a 204). */
    JsonNode delete(String path, String bearer, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(path, bearer).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("DELETE %s answered %s", path, r.body()).isEqualTo(expected);
        return r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
    }

    /** GETs {@code path} until the answer is 200 and satisfies {@code until}; fails with the last answer after {@code timeout}. */
    JsonNode awaitGet(String path, String bearer, Predicate<JsonNode> until, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(request(path, bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200 && until.test(JSON.readTree(r.body()))) {
                return JSON.readTree(r.body());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("GET " + path + " never answered as expected within " + timeout + "; last answer: " + last);
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }
}
