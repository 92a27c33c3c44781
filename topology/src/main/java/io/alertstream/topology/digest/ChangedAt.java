package io.alertstream.topology.digest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * A {@code ChangedAt} value: the RFC 3339 text exactly as received (echoed back in digests as
 * {@code LatestChangedAt}) and the instant it denotes, with nanosecond precision (comparisons use the
 * instant, so {@code 20:40:15Z} and {@code 22:40:15+02:00} are the same time).
 *
 * <p>Accepted form: {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, then {@code Z}
 * or {@code ±HH:MM}; {@code T} and {@code Z} in either case, as RFC 3339 allows.
 */
public record ChangedAt(String text, Instant instant) implements Comparable<ChangedAt> {
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    /** Parses RFC 3339 text; throws {@link DateTimeParseException} when it is not. */
    public static ChangedAt parse(String text) {
        return new ChangedAt(text, OffsetDateTime.parse(text, RFC_3339).toInstant());
    }

    /** A ChangedAt for an instant, in the canonical UTC form ({@link Instant#toString()}). */
    public static ChangedAt of(Instant instant) {
        return new ChangedAt(instant.toString(), instant);
    }

    public boolean isAfter(ChangedAt other) {
        return instant.isAfter(other.instant);
    }

    @Override
    public int compareTo(ChangedAt other) {
        return instant.compareTo(other.instant);
    }
}
