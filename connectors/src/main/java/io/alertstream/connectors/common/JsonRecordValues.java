package io.alertstream.connectors.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record's value into a JSON object, whatever converter the worker used.
 *
 * <p>Input: a value from {@code JsonConverter} with {@code schemas.enable=false} (a {@code Map}), a
 * {@link Struct} (schemas enabled, Avro...), or a {@code String}/{@code byte[]} holding JSON text
 * ({@code StringConverter}/{@code ByteArrayConverter}). Output: an {@link ObjectNode}.
 * Anything that is not a JSON object is a {@link MalformedRecordException}.
 */
public final class JsonRecordValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonRecordValues() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param behaviorConfigKey named in the error message, so the operator knows how to skip such records
     */
    public static ObjectNode toObject(SinkRecord record, String behaviorConfigKey) {
        Object value = record.value();
        JsonNode node;
        try {
            if (value instanceof String text) {
                node = MAPPER.readTree(text);
            } else if (value instanceof byte[] bytes) {
                node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            } else if (value instanceof Struct struct) {
                node = MAPPER.valueToTree(structToMap(struct));
            } else {
                node = MAPPER.valueToTree(value);
            }
        } catch (JsonProcessingException e) {
            throw malformed(record, "value is not valid JSON (" + e.getOriginalMessage() + ")", behaviorConfigKey, e);
        } catch (IOException | IllegalArgumentException e) {
            throw malformed(record, "value cannot be read as JSON (" + e.getMessage() + ")", behaviorConfigKey, e);
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        String kind = node == null ? "empty" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        throw malformed(record, "value must be a JSON object but is " + kind, behaviorConfigKey, null);
    }

    private static MalformedRecordException malformed(SinkRecord record, String reason, String key, Throwable cause) {
        return new MalformedRecordException("Record at " + RecordCoordinates.describe(record) + ": " + reason
                + ". Fix the producer, or set " + key + " to warn or ignore to skip such records.", cause);
    }

    private static Map<String, Object> structToMap(Struct struct) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            map.put(field.name(), plain(struct.get(field)));
        }
        return map;
    }

    private static Object plain(Object value) {
        if (value instanceof Struct struct) {
            return structToMap(struct);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        return value;
    }

    /** The node at a dotted path ({@code window.start}), or null when any step is missing or JSON null. */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String step : dottedPath.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(step);
        }
        return node == null || node.isNull() ? null : node;
    }
}
