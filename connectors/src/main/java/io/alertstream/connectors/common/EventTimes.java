package io.alertstream.connectors.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an event time from a JSON value.
 *
 * <p>Accepts epoch milliseconds (a number, or a string of digits) and ISO-8601 instants with an offset
 * ({@code 2026-11-21T10:15:30.123+01:00}, {@code ...Z}). Anything else gives an empty result, so the caller
 * decides the fallback (the record timestamp for index names) or the error (counters).
 */
public final class EventTimes {
    private EventTimes() {
    }

    public static Optional<Instant> parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(Instant.ofEpochMilli(node.asLong()));
        }
        if (node.isNumber()) {
            return Optional.of(Instant.ofEpochMilli((long) node.asDouble()));
        }
        if (node.isTextual()) {
            return parse(node.asText());
        }
        return Optional.empty();
    }

    public static Optional<Instant> parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        if (trimmed.chars().allMatch(Character::isDigit) && trimmed.length() <= 18) {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(trimmed)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.parse(trimmed));
            } catch (DateTimeParseException e2) {
                return Optional.empty();
            }
        }
    }
}
