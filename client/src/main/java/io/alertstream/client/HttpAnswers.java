package io.alertstream.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the HTTP API's answers leniently: a body that is not JSON, lacks fields or has extra ones never
 * fails a delivery; item rejections with an index outside the batch are ignored; a {@code Retry-After}
 * is seconds or an HTTP date, anything else none.
 */
final class HttpAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A server asking for more than this is obeyed only this long: the client keeps coming back. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

    private HttpAnswers() {
    }

    /** The body's {@code rejected} items, indices within {@code [0, size)}; empty when there are none or the body is unreadable. */
    static List<Rejection> rejections(String body, int size) {
        List<Rejection> out = new ArrayList<>();
        JsonNode items;
        try {
            items = body == null || body.isBlank() ? null : JSON.readTree(body).get("rejected");
        } catch (Exception e) {
            return out;
        }
        if (items == null || !items.isArray()) {
            return out;
        }
        for (JsonNode item : items) {
            JsonNode index = item.get("index");
            if (index == null || !index.canConvertToInt() || index.asInt() < 0 || index.asInt() >= size) {
                continue;
            }
            out.add(new Rejection(index.asInt(), text(item.get("reason")), text(item.get("detail"))));
        }
        return out;
    }

    /** A short detail for a whole-batch rejection: the body's {@code detail}/{@code error}/{@code message}, else its start. */
    static String detail(int status, String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            for (String field : List.of("detail", "error", "message")) {
                if (node != null && node.hasNonNull(field)) {
                    return "HTTP " + status + ": " + text(node.get(field));
                }
            }
        } catch (Exception e) {
            // not JSON: fall through to the raw text
        }
        String raw = body == null ? "" : body.strip();
        return "HTTP " + status + (raw.isEmpty() ? "" : ": " + (raw.length() > 200 ? raw.substring(0, 200) + "..." : raw));
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration wait;
        try {
            wait = Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
                wait = wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
        return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }
}
