package io.alertstream.connectors.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the JSON value of a {@code targets} record into a {@link ProbeTarget}, applying the defaults
 * (method GET, interval 30 s, timeout 10 s, expected status 200-399, threshold 3).
 *
 * <p>Input: the record key (the target id) and its JSON text. Output: the target, or an
 * {@link InvalidTargetException} whose message names the field and never echoes the URL (it may carry
 * credentials or tokens).
 */
final class TargetParser {
    static final long MIN_INTERVAL_MS = 5_000;
    static final long DEFAULT_INTERVAL_MS = 30_000;
    static final long DEFAULT_TIMEOUT_MS = 10_000;
    static final int DEFAULT_THRESHOLD = 3;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TargetParser() {
    }

    static ProbeTarget parse(String key, String value) throws InvalidTargetException {
        JsonNode node;
        try {
            node = JSON.readTree(value);
        } catch (IOException e) {
            throw new InvalidTargetException("value is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidTargetException("value is not a JSON object");
        }
        String id = text(node, "id", key);
        if (id == null || id.isBlank()) {
            throw new InvalidTargetException("missing 'id'");
        }
        if (key != null && !key.equals(id)) {
            throw new InvalidTargetException("'id' differs from the record key");
        }
        URI url = url(text(node, "url", null));
        String method = text(node, "method", "GET").toUpperCase(Locale.ROOT);
        if (!METHODS.contains(method)) {
            throw new InvalidTargetException("'method' must be one of " + METHODS);
        }
        long interval = number(node, "interval_ms", DEFAULT_INTERVAL_MS);
        if (interval < MIN_INTERVAL_MS) {
            throw new InvalidTargetException("'interval_ms' must be at least " + MIN_INTERVAL_MS);
        }
        long timeout = number(node, "timeout_ms", DEFAULT_TIMEOUT_MS);
        if (timeout < 1) {
            throw new InvalidTargetException("'timeout_ms' must be positive");
        }
        // A check ends before the next one starts: at most one in flight per target, offsets stay in order.
        timeout = Math.min(timeout, interval);
        JsonNode expected = node.path("expected_status");
        int min = (int) number(expected, "min", 200);
        int max = (int) number(expected, "max", 399);
        if (min < 100 || max > 599 || min > max) {
            throw new InvalidTargetException("'expected_status' must satisfy 100 <= min <= max <= 599");
        }
        JsonNode latency = node.get("latency_threshold_ms");
        Long latencyThreshold = latency == null || latency.isNull() ? null : number(node, "latency_threshold_ms", 0);
        String bodyContains = node.hasNonNull("body_contains") ? node.get("body_contains").asText() : null;
        return new ProbeTarget(id, text(node, "owner", null), url, method, interval, timeout, min, max,
                (int) number(node, "threshold", DEFAULT_THRESHOLD), latencyThreshold, bodyContains,
                owners(node), maintenance(node));
    }

    private static URI url(String text) throws InvalidTargetException {
        if (text == null) {
            throw new InvalidTargetException("missing 'url'");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidTargetException("'url' is not a valid URI");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidTargetException("'url' must be http or https");
        }
        if (url.getHost() == null) {
            throw new InvalidTargetException("'url' has no host");
        }
        if (url.getRawUserInfo() != null) {
            // Credentials in the URL would land in every result on the probes topic.
            throw new InvalidTargetException("'url' must not carry user info (credentials)");
        }
        return url;
    }

    private static List<String> owners(JsonNode node) throws InvalidTargetException {
        JsonNode owners = node.path("owners");
        if (owners.isMissingNode() || owners.isNull()) {
            return List.of();
        }
        if (!owners.isArray()) {
            throw new InvalidTargetException("'owners' must be an array of user ids");
        }
        List<String> result = new ArrayList<>();
        owners.forEach(owner -> result.add(owner.asText()));
        return result;
    }

    private static List<ProbeTarget.Window> maintenance(JsonNode node) throws InvalidTargetException {
        JsonNode windows = node.path("maintenance");
        if (windows.isMissingNode() || windows.isNull()) {
            return List.of();
        }
        if (!windows.isArray()) {
            throw new InvalidTargetException("'maintenance' must be an array of {start, end}");
        }
        List<ProbeTarget.Window> result = new ArrayList<>();
        for (JsonNode window : windows) {
            try {
                result.add(new ProbeTarget.Window(Instant.parse(window.path("start").asText()),
                        Instant.parse(window.path("end").asText())));
            } catch (DateTimeParseException e) {
                throw new InvalidTargetException("'maintenance' start/end must be ISO-8601 instants");
            }
        }
        return result;
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static long number(JsonNode node, String field, long fallback) throws InvalidTargetException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong()) {
            throw new InvalidTargetException("'" + field + "' must be an integer");
        }
        return value.asLong();
    }

    /** A targets record that cannot be probed; the message names the field and is safe to log. */
    static final class InvalidTargetException extends Exception {
        InvalidTargetException(String message) {
            super(message);
        }
    }
}
