package io.alertstream.topology.processors;

import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.sourcefile.Durations;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Input: the value of an event's time field (as {@link EventReader} built it, or null when absent), the
 * record timestamp and the wall clock. Output: the event time in epoch milliseconds, or why the event
 * has none it can be processed with ({@link Rejection}: a {@link DeadLetterReasons reason} and a message).
 *
 * <p>Accepted: an ISO-8601 string with offset, or epoch milliseconds (a JSON number; a fraction is cut),
 * or, when the field is absent, the record timestamp; the result lies in {@code [0, now + maxFuture]}.
 * Why both ends: Kafka refuses negative record timestamps, and brokers refuse timestamps more than an
 * hour ahead; the event time becomes the timestamp of every record made from the event, and a refused
 * record inside a stream thread stops it. Times beyond what epoch milliseconds can hold (year 1e9, 1e400)
 * are refused here instead of overflowing.
 */
final class EventTime {
    /** Longest part of a bad time string quoted in the dead-letter message. */
    static final int MAX_QUOTED_CHARS = 64;

    /** Why an event has no usable time. */
    record Rejection(String reason, String message) {
    }

    private EventTime() {
    }

    /**
     * @return a {@code Long} (the event time) or a {@link Rejection}
     */
    static Object resolve(Object field, String fieldName, long recordTimestamp, long now, Duration maxFuture) {
        long t;
        if (field == null) {
            if (recordTimestamp < 0) {
                return new Rejection(DeadLetterReasons.NEGATIVE_TIMESTAMP, "field '" + fieldName
                        + "' is absent and the record timestamp " + recordTimestamp + " is negative");
            }
            t = recordTimestamp;
        } else if (field instanceof Number n) {
            Object millis = fromNumber(n, fieldName);
            if (millis instanceof Rejection r) {
                return r;
            }
            t = (Long) millis;
        } else if (field instanceof String s) {
            Object millis = fromIso(s, fieldName);
            if (millis instanceof Rejection r) {
                return r;
            }
            t = (Long) millis;
        } else {
            return new Rejection(DeadLetterReasons.WRONG_TYPE, "field '" + fieldName
                    + "' must be an ISO-8601 string or epoch milliseconds, got " + EventParser.typeName(field));
        }
        if (t < 0) {
            return new Rejection(DeadLetterReasons.NEGATIVE_TIMESTAMP, "event time " + describe(t) + " (field '" + fieldName
                    + "') is before 1970-01-01T00:00:00Z; Kafka refuses negative timestamps");
        }
        if (t > now + maxFuture.toMillis()) {
            // Such an event would move the watermark past events that are on time, making them late.
            return new Rejection(DeadLetterReasons.FUTURE_TIMESTAMP, "event time " + describe(t) + " is "
                    + (t - now) / 1000 + " s ahead of this instance's clock (" + Instant.ofEpochMilli(now)
                    + "); at most alertstream.event.max.future=" + Durations.format(maxFuture) + " ahead is accepted");
        }
        return t;
    }

    private static Object fromNumber(Number n, String fieldName) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        double d = n instanceof BigInteger big ? big.doubleValue() : n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return new Rejection(DeadLetterReasons.NON_FINITE_NUMBER, "field '" + fieldName + "' is a number beyond a double's range");
        }
        if (d >= Long.MAX_VALUE) {
            return new Rejection(DeadLetterReasons.FUTURE_TIMESTAMP, "field '" + fieldName + "' = " + d
                    + " epoch milliseconds is beyond the largest time Kafka can hold");
        }
        if (d < 0) {
            return new Rejection(DeadLetterReasons.NEGATIVE_TIMESTAMP, "field '" + fieldName + "' = " + d
                    + " epoch milliseconds is before 1970-01-01T00:00:00Z; Kafka refuses negative timestamps");
        }
        return (long) d;
    }

    private static Object fromIso(String s, String fieldName) {
        Instant instant;
        try {
            instant = parse(s);
        } catch (DateTimeException e) {
            return new Rejection(DeadLetterReasons.BAD_TIMESTAMP, "field '" + fieldName + "' = '" + DeadLetters.quote(s, MAX_QUOTED_CHARS)
                    + "' is not an ISO-8601 time with offset (e.g. 2026-11-21T10:15:30Z) nor epoch milliseconds");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            // A valid ISO time that epoch milliseconds cannot hold (about ±292 million years).
            boolean past = instant.isBefore(Instant.EPOCH);
            return new Rejection(past ? DeadLetterReasons.NEGATIVE_TIMESTAMP : DeadLetterReasons.FUTURE_TIMESTAMP, "field '"
                    + fieldName + "' = '" + DeadLetters.quote(s, MAX_QUOTED_CHARS) + "' is beyond the range of epoch milliseconds");
        }
    }

    static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant();
        }
    }

    private static String describe(long t) {
        return Instant.ofEpochMilli(t) + " (" + t + " ms)";
    }
}
