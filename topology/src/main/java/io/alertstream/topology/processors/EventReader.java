package io.alertstream.topology.processors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private EventReader() {
    }

    /**
     * @throws NotAnObject             for JSON null, a scalar or an array
     * @throws JsonProcessingException for malformed JSON (with its location) or tokens after the object
     */
    static Map<String, Object> read(byte[] value, FieldsRead read, String timeField) throws IOException, NotAnObject {
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
                    fields.put(name, value(p, valueToken));
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
