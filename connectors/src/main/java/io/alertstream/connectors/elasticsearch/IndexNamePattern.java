package io.alertstream.connectors.elasticsearch;

import io.alertstream.connectors.common.ConfigErrors;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;

/**
 * An index name pattern such as {@code {topic}}, {@code events-{yyyy.MM.dd}} or {@code {topic}-{yyyy.MM}}.
 *
 * <p>{@code {topic}} is replaced by the record's topic; any other {@code {...}} is a
 * {@link DateTimeFormatter} pattern applied to the event time in UTC. The result is lower-cased, since
 * Elasticsearch index names must be. {@link #templatePattern} gives the wildcard pattern an index template
 * needs to match every index the pattern can produce for one topic.
 */
public final class IndexNamePattern {
    private static final String TOPIC = "topic";
    private static final String FORBIDDEN = "\\/*?\"<>| ,#:";

    private final String source;
    private final List<Segment> segments;

    private IndexNamePattern(String source, List<Segment> segments) {
        this.source = source;
        this.segments = segments;
    }

    /** @throws IllegalArgumentException naming the problem, when the pattern cannot give valid index names */
    public static IndexNamePattern parse(String pattern) {
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < pattern.length()) {
            int open = pattern.indexOf('{', i);
            int close = pattern.indexOf('}', i);
            if (open < 0) {
                if (close >= 0) {
                    throw new IllegalArgumentException("'}' without '{' at position " + close);
                }
                segments.add(literal(pattern.substring(i)));
                break;
            }
            if (close >= 0 && close < open) {
                throw new IllegalArgumentException("'}' without '{' at position " + close);
            }
            if (open > i) {
                segments.add(literal(pattern.substring(i, open)));
            }
            int end = pattern.indexOf('}', open);
            if (end < 0) {
                throw new IllegalArgumentException("'{' at position " + open + " is not closed");
            }
            String inner = pattern.substring(open + 1, end);
            segments.add(TOPIC.equals(inner) ? new Segment(null, null) : new Segment(null, dateFormat(inner, open)));
            i = end + 1;
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("the pattern is empty");
        }
        String first = segments.get(0).literal;
        if (first != null && (first.startsWith("-") || first.startsWith("_") || first.startsWith("+"))) {
            throw new IllegalArgumentException("an index name cannot start with '-', '_' or '+'");
        }
        return new IndexNamePattern(pattern, List.copyOf(segments));
    }

    private static Segment literal(String text) {
        for (char c : text.toCharArray()) {
            if (FORBIDDEN.indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + c + "' is not allowed in index names");
            }
        }
        return new Segment(text.toLowerCase(Locale.ROOT), null);
    }

    private static DateTimeFormatter dateFormat(String inner, int position) {
        if (inner.isBlank()) {
            throw new IllegalArgumentException("'{}' is empty: use {topic} or a date format such as {yyyy.MM.dd}");
        }
        try {
            return DateTimeFormatter.ofPattern(inner, Locale.ROOT).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            // The pattern text is not repeated: error messages must not echo config values.
            throw new IllegalArgumentException("the '{...}' at position " + position + " is neither {topic} nor a "
                    + "date format such as {yyyy.MM.dd} (" + e.getMessage() + ")");
        }
    }

    /** The index for one record: topic and event time (already resolved by the caller, never null). */
    public String indexFor(String topic, Instant eventTime) {
        StringBuilder name = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.literal != null) {
                name.append(segment.literal);
            } else if (segment.date == null) {
                name.append(topic);
            } else {
                name.append(segment.date.format(eventTime));
            }
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    /** The wildcard pattern matching every index of one topic, e.g. {@code events-*}. */
    public String templatePattern(String topic) {
        StringBuilder pattern = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.literal != null) {
                pattern.append(segment.literal);
            } else if (segment.date == null) {
                pattern.append(topic.toLowerCase(Locale.ROOT));
            } else if (pattern.length() == 0 || pattern.charAt(pattern.length() - 1) != '*') {
                pattern.append('*');
            }
        }
        return pattern.toString();
    }

    public boolean usesEventTime() {
        return segments.stream().anyMatch(s -> s.date != null);
    }

    @Override
    public String toString() {
        return source;
    }

    private record Segment(String literal, DateTimeFormatter date) {
    }

    /** Config validator: the pattern must parse. */
    static final class Validator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                parse(String.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw ConfigErrors.invalid(name, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "text with {topic} and/or {date format}, e.g. {topic}-{yyyy.MM.dd}";
        }
    }
}
