package io.alertstream.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The console's way to the data: the API's own JSON routes on this instance's advertised URL, called with the
 * signed-in user's token. The console is a client of the API, not a second implementation of it: who may see an
 * alert, the scatter-gather over instances, validation of a silence and the rate limit are the API's, and every
 * problem the API answers reaches the page as the API worded it. The URL is set once the server has bound its
 * port ({@link #self}); with TLS the JVM must trust the server's certificate, as peer instances must.
 */
public final class ApiCalls {
    private final ObjectMapper json;
    private final HttpClient http;
    private final Duration timeout;
    private volatile URI self;

    public ApiCalls(ObjectMapper json, Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** This instance's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public void self(URI url) {
        this.self = url;
    }

    /** An answer of the API: its status and body (a problem's {@code detail} for an error, see {@link #problem()}). */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** What the API said was wrong (its problem detail), or the bare status. */
        public String problem() {
            JsonNode detail = body == null ? null : body.get("detail");
            return detail != null && !detail.isNull() ? detail.asText() : "the API answered " + status;
        }
    }

    public Answer get(String token, String pathAndQuery) {
        return send(token, "GET", pathAndQuery, null);
    }

    /**
     * @param token the caller's bearer token, or null (login)
     * @param body  sent as JSON, or null
     * @throws SessionExpired when the API refuses the token (401) on a call made with one
     */
    public Answer send(String token, String method, String pathAndQuery, Object body) {
        URI base = self;
        if (base == null) {
            throw new IllegalStateException("the console's API address is not known yet (the server has not started)");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() == 401 && token != null) {
                throw new SessionExpired();
            }
            JsonNode parsed = r.body().length == 0 ? null : json.readTree(r.body());
            return new Answer(r.statusCode(), parsed);
        } catch (IOException e) {
            return new Answer(503, json.createObjectNode().put("detail", "the API did not answer: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(503, json.createObjectNode().put("detail", "interrupted while asking the API"));
        }
    }

    /** Reads an answer's body as {@code type} (the API's own records, e.g. {@code AlertView}). */
    public <T> T read(JsonNode body, Class<T> type) {
        try {
            return json.treeToValue(body, type);
        } catch (IOException e) {
            throw new IllegalStateException("the API answered what is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The API refused the session's token (expired, or the signing key changed): log in again. */
    public static final class SessionExpired extends RuntimeException {
        public SessionExpired() {
            super("the session's token was refused", null, false, false);
        }
    }
}
