package io.alertstream.topology.digest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A {@code ChangedAt} value: the RFC 3339 text exactly as received (echoed back in digests as
 * {@code LatestChangedAt}) and the instant it denotes, with nanosecond precision (comparisons use the
 * instant, so {@code 20:40:15Z} and {@code 22:40:15+02:00} are the same time).
 *
 * <p>Accepted form (RFC 3339 {@code date-time}): {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1
 * to 9 digits, then {@code Z} or {@code ±HH:MM}; {@code T} and {@code Z} in either case. Leap seconds
 * ({@code :60}) are refused, as {@link Instant} cannot hold them. Parsed by hand rather than with a
 * {@code DateTimeFormatter}: every store read parses three of these per alarm, and this is about
 * twenty times faster; field ranges are still checked by {@link LocalDateTime#of} and {@link ZoneOffset}.
 */
public record ChangedAt(String text, Instant instant) implements Comparable<ChangedAt> {

    /** Parses RFC 3339 text; throws {@link DateTimeParseException} when it is not. */
    public static ChangedAt parse(String text) {
        return new ChangedAt(text, toInstant(text));
    }

    public boolean isAfter(ChangedAt other) {
        return instant.isAfter(other.instant);
    }

    @Override
    public int compareTo(ChangedAt other) {
        return instant.compareTo(other.instant);
    }

    private static Instant toInstant(String s) {
        if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            throw invalid(s);
        }
        int pos = 19;
        int nanos = 0;
        if (s.charAt(pos) == '.') {
            int start = ++pos;
            while (pos < s.length() && isDigit(s.charAt(pos))) {
                pos++;
            }
            int digits = pos - start;
            if (digits < 1 || digits > 9) {
                throw invalid(s);
            }
            nanos = digits(s, start, pos);
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(s, pos);
        try {
            return LocalDateTime.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16),
                    digits(s, 17, 19), nanos).toInstant(offset);
        } catch (DateTimeException e) {
            throw invalid(s);
        }
    }

    private static ZoneOffset offset(String s, int pos) {
        if (pos == s.length() - 1 && (s.charAt(pos) == 'Z' || s.charAt(pos) == 'z')) {
            return ZoneOffset.UTC;
        }
        if (pos != s.length() - 6 || (s.charAt(pos) != '+' && s.charAt(pos) != '-') || s.charAt(pos + 3) != ':') {
            throw invalid(s);
        }
        int sign = s.charAt(pos) == '-' ? -1 : 1;
        try {
            return ZoneOffset.ofHoursMinutes(sign * digits(s, pos + 1, pos + 3), sign * digits(s, pos + 4, pos + 6));
        } catch (DateTimeException e) {
            throw invalid(s);
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                throw invalid(s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static DateTimeParseException invalid(String s) {
        return new DateTimeParseException("not an RFC 3339 date-time such as 2021-06-07T20:40:15.598765212Z", s, 0);
    }
}
