package io.alertstream.api.alerts;

import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.model.Alert;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Times of alerts ({@code at}, ISO-8601 instants) and of query parameters (ISO-8601 or epoch milliseconds). */
public final class AlertTimes {
    private AlertTimes() {
    }

    /** The transition's {@code at} in epoch ms; throws {@link IllegalArgumentException} when missing or not ISO-8601. */
    public static long atMillis(Alert alert) {
        if (alert.at() == null) {
            throw new IllegalArgumentException("alert without 'at'");
        }
        return parseInstant(alert.at()).toEpochMilli();
    }

    /** A query parameter: epoch milliseconds or an ISO-8601 instant; a bad one is a 400 naming the parameter. */
    public static Instant param(String name, String value) {
        try {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return parseInstant(value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name + "='" + value + "' is neither an ISO-8601 instant (2026-12-01T10:00:00Z) nor epoch milliseconds");
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("not an ISO-8601 instant: " + text, e2);
            }
        }
    }
}
