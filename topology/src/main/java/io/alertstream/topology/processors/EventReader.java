package io.alertstream.topology.processors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.rules.FieldsRead;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an event's JSON object with a streaming parser, building only the top-level fields that are
 * read ({@link FieldsRead}, plus the time field) and skipping the others' values. Every token is still
 * read, so a document that is not valid JSON is refused exactly as a full parse would refuse it.
 * Values come out as a full parse into a map gives them: strings, {@code Long} for integers,
 * {@code Double}, booleans, null, and maps and lists for nested values; an integer beyond a long's
 * range reads as a {@code Double} at top level (a full parse refused the whole event for it).
 *
 * <p>Numbers in the fields that are built must be finite as doubles: JSON allows {@code 1e400} and
 * 400-digit integers, which read as infinity, and an infinite value breaks what rules do with it (a
 * percentile sketch throws, a group key holding {@code Infinity} is not JSON and cannot be read back).
 * Such an event is refused whole ({@link NonFiniteNumber}), like a malformed one: its value cannot be
 * represented, so no rule could use it faithfully. Fields no rule reads are not built and not checked.
 */
final class EventReader {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final JsonFactory FACTORY = JSON.getFactory();

    /** The value is JSON, but not an object; the message says what it is. */
    static final class NotAnObject extends Exception {
        NotAnObject(String message) {
            super(message, null, false, false);
        }
    }

    /** A built field holds a number beyond a double's range; the message names the field. */
    static final class NonFiniteNumber extends Exception {
        NonFiniteNumber(String message) {
            super(message, null, false, false);
        }
    }

    private EventReader() {
    }

    /**
     * @throws NotAnObject             for JSON null, a scalar or an array
     * @throws NonFiniteNumber        when a built field holds (at any depth) a number beyond a double's range
     * @throws JsonProcessingException for malformed JSON (with its location) or tokens after the object
     */
    static Map<String, Object> read(byte[] value, FieldsRead read, String timeField) throws IOException, NotAnObject, NonFiniteNumber {
        try (JsonParser p = FACTORY.createParser(value)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "no content");
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                requireEnd(p);
                throw new NotAnObject(first == JsonToken.VALUE_NULL ? "value is JSON null, not an object"
                        : "value is JSON but not an object: it is " + describe(first));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken valueToken = p.nextToken();
                if (read.reads(name) || name.equals(timeField)) {
                    Object v = value(p, valueToken);
                    if (!finite(v)) {
                        throw new NonFiniteNumber("field '" + DeadLetters.quote(name, 64)
                                + "' holds a number beyond a double's range (about ±1.8e308)");
                    }
                    fields.put(name, v);
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected end of the object");
            }
            requireEnd(p);
            return fields;
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> JSON.readValue(p, Object.class); // an object or array: the mapper builds maps and lists
        };
    }

    /** Whether every number in {@code v} (a value as built here, nested maps and lists included) is finite as a double. */
    static boolean finite(Object v) {
        if (v instanceof Double d) {
            return Double.isFinite(d);
        }
        if (v instanceof Float f) {
            return Float.isFinite(f);
        }
        if (v instanceof java.math.BigInteger big) {
            return Double.isFinite(big.doubleValue());
        }
        if (v instanceof java.math.BigDecimal big) {
            return Double.isFinite(big.doubleValue());
        }
        if (v instanceof Map<?, ?> m) {
            for (Object e : m.values()) {
                if (!finite(e)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof java.util.List<?> l) {
            for (Object e : l) {
                if (!finite(e)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A long; an integer beyond a long's range becomes the nearest double, as a JavaScript reader would have it. */
    private static Object integer(JsonParser p) throws IOException {
        Number n = p.getNumberValue();
        return n instanceof java.math.BigInteger big ? (Object) big.doubleValue() : (Object) n.longValue();
    }

    private static void requireEnd(JsonParser p) throws IOException {
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing token (" + trailing.asString()
                    + ") after the JSON value");
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.name();
        };
    }
}
