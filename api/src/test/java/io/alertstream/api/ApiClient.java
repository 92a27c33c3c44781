package io.alertstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A test client of one API instance: sends a request, and checks every answer against
 * {@link OpenApiContract} before handing it back, so each IT also tests the document.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private final HttpClient http;
    private final String base;

    public ApiClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    public ApiClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    /** A response as the client saw it. */
    public record Response(int status, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        public String body() {
            return raw.body();
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /**
     * @param template the OpenAPI path template the path instantiates (for the contract check), or null to skip it
     * @param token    bearer token or null
     */
    public Response send(String method, String path, String template, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (template != null) {
            CONTRACT.check(method, template, r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        }
        return new Response(r.statusCode(), r);
    }

    public Response get(String path, String token) {
        return send("GET", path, path, token, null);
    }

    public Response post(String path, String token, String body) {
        return send("POST", path, path, token, body);
    }

    public static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
