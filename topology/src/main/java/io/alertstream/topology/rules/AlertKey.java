package io.alertstream.topology.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text form of a group: {@code service="checkout",status=503,route=null}, each group_by field with
 * its value as JSON, so that strings, numbers and null (a missing field) can never be confused and the
 * form reads like a Prometheus label set. The alert key is {@code <ruleId>|<group key>}; rule ids
 * cannot contain {@code |}, so the first {@code |} splits them.
 */
public final class AlertKey {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Reads keys written before the event parser refused non-finite numbers: such a key holds a bare
     * {@code Infinity}, which is not JSON, and a committed pending-counter key holding one would fail the
     * counters punctuation after every restart.
     */
    private static final ObjectMapper LENIENT = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());

    private AlertKey() {
    }

    public static String encode(List<FieldPath> fields, Map<String, Object> event) {
        if (fields.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            FieldPath f = fields.get(i);
            Object v = f.get(event);
            out.append(f.path()).append('=');
            appendJson(out, v == FieldPath.MISSING ? null : v);
        }
        return out.toString();
    }

    /** Parses a group key back into its field map (null values kept). */
    public static Map<String, Object> decode(String groupKey) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (groupKey.isEmpty()) {
            return out;
        }
        int i = 0;
        while (i < groupKey.length()) {
            int eq = groupKey.indexOf('=', i);
            String name = groupKey.substring(i, eq);
            int end = endOfJsonValue(groupKey, eq + 1);
            try {
                out.put(name, LENIENT.readValue(groupKey.substring(eq + 1, end), Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not a group key: " + groupKey, e);
            }
            i = end + 1;
        }
        return out;
    }

    public static String alertKey(String ruleId, String groupKey) {
        return ruleId + "|" + groupKey;
    }

    public static String ruleIdOf(String alertKey) {
        return alertKey.substring(0, alertKey.indexOf('|'));
    }

    public static String groupKeyOf(String alertKey) {
        return alertKey.substring(alertKey.indexOf('|') + 1);
    }

    private static void appendJson(StringBuilder out, Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            out.append(v);
            return;
        }
        try {
            out.append(JSON.writeValueAsString(v));
        } catch (JsonProcessingException e) {
            out.append("null");
        }
    }

    private static int endOfJsonValue(String s, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return s.length();
    }
}
