package io.alertstream.api.console;

import io.alertstream.topology.rules.Numbers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * How the console writes values, for the templates: numbers as the engine's summaries write them
 * ({@link Numbers#format}), instants in UTC to the second, ages to the minute (a live page re-rendered every
 * poll changes only when something a reader cares about changed, so its ETag holds) and URL parts encoded.
 * The templates escape HTML themselves; nothing here does.
 */
public final class Format {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Format() {
    }

    public static String number(Double v) {
        return v == null ? "–" : Numbers.format(v);
    }

    /** An ISO-8601 instant as {@code 2026-12-03 08:12:03 UTC}; what is not one, as given. */
    public static String instant(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "–";
        }
        try {
            return UTC.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** How long ago {@code iso} was, to the minute: {@code under a minute}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}. */
    public static String age(String iso, Instant now) {
        Duration d;
        try {
            d = Duration.between(Instant.parse(iso), now);
        } catch (DateTimeParseException | NullPointerException e) {
            return "?";
        }
        if (d.toMinutes() < 1) {
            return "under a minute";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + " min";
        }
        if (d.toDays() < 1) {
            return d.toHours() + " h " + d.toMinutesPart() + " min";
        }
        return d.toDays() + " d " + d.toHoursPart() + " h";
    }

    /** A duration in milliseconds as the rule files write them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 1500ms}. */
    public static String duration(long ms) {
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** One query parameter value, encoded. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One path segment, encoded (a space as {@code %20}, not {@code +}). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String list(List<String> values) {
        return values == null || values.isEmpty() ? "–" : String.join(", ", values);
    }
}
