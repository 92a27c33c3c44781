package io.alertstream.topology;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded mutations of a valid event, built as JSON text so that they can hold what no JSON library
 * writes (1e400, NaN tokens, duplicate keys, broken syntax): types swapped, numbers at the edges,
 * times at the edges of what Kafka accepts, huge strings, deep nesting, broken JSON. About one record
 * in five stays valid, so rules keep seeing data between the poison.
 */
final class EventMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("timestamp", "service", "status", "latency_ms", "user", "route", "bytes");
    private static final List<String> NUMBER_EDGES = List.of("1e400", "-1e400", "\"NaN\"", "NaN", "Infinity", "-Infinity",
            String.valueOf(Long.MAX_VALUE), String.valueOf(Long.MIN_VALUE), "9223372036854775808", "-9223372036854775809",
            "1" + "0".repeat(400), "-0", "-0.0", "0", "1e-400", "4.9e-324", "1.7976931348623157e308", "-1.7976931348623157e308",
            "1e308", "123456789012345678901234567890", "0.1", "-1");
    private static final List<String> TIME_EDGES = List.of("-1", "0", "\"1969-12-31T23:59:59Z\"", "\"+1000000000-01-01T00:00:00Z\"",
            "\"-1000000000-01-01T00:00:00Z\"", "1e400", "-1e400", "1e19", "-1e19", String.valueOf(Long.MAX_VALUE),
            String.valueOf(Long.MIN_VALUE), "\"2099-01-01T00:00:00Z\"", "\"\"", "\" \"", "\"2026-01-01T00:00:00+25:00\"",
            "\"2026-02-30T00:00:00Z\"", "1.5e12", "true", "{}", "[]", "null", "\"1767225600000\"", "1767225600000.5",
            "\"+292278994-08-17T07:12:55.807Z\"", "\"+292278994-08-17T07:12:55.808Z\"", "\"-292275055-05-16T16:47:04.192Z\"");
    private static final List<String> TYPE_SWAPS = List.of("\"503\"", "true", "false", "null", "[]", "[1,2]", "{}",
            "{\"a\":{\"b\":1}}", "\"\"", "\"\\ud800\"", "\"\\u0000\"", "\"😀\"", "12.5", "-3");

    private final Random random;

    /** A mutated record and what was done to it (for failure messages). */
    record Mutant(byte[] key, byte[] value, String description) {
    }

    EventMutator(Random random) {
        this.random = random;
    }

    Mutant next(Instant now) {
        Map<String, String> fields = valid(now);
        if (random.nextInt(5) == 0) {
            return new Mutant(key(), bytes(text(fields)), "valid");
        }
        StringBuilder what = new StringBuilder();
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            String field = FIELDS.get(random.nextInt(FIELDS.size()));
            switch (random.nextInt(9)) {
                case 0 -> fields.put(field, pick(NUMBER_EDGES));
                case 1 -> fields.put("timestamp", pick(TIME_EDGES));
                case 2 -> fields.put(field, pick(TYPE_SWAPS));
                case 3 -> fields.put(field, hugeString());
                case 4 -> fields.put(field, nested(1 + random.nextInt(random.nextInt(8) == 0 ? 1500 : 40)));
                case 5 -> fields.remove(field);
                case 6 -> fields.put("\"" + field + "\": 1, \"" + field, pick(TYPE_SWAPS)); // a duplicate key
                case 7 -> fields.put("pad", hugeString());
                default -> {
                    return new Mutant(key(), broken(text(fields)), "broken JSON");
                }
            }
            what.append(field).append(' ');
        }
        return new Mutant(key(), bytes(text(fields)), what.toString().trim());
    }

    private Map<String, String> valid(Instant now) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("timestamp", quoted(now.minusMillis(random.nextInt(20_000)).toString()));
        f.put("service", quoted(pick(List.of("checkout", "search", "cart", "auth"))));
        f.put("status", pick(List.of("200", "500", "503", "404")));
        f.put("latency_ms", String.valueOf(random.nextDouble() * 1000));
        f.put("user", quoted("u" + random.nextInt(50)));
        f.put("route", quoted("/r" + random.nextInt(10)));
        f.put("bytes", String.valueOf(random.nextInt(100_000)));
        return f;
    }

    private String hugeString() {
        int[] sizes = {1_000, 2_000, 10_000, 100_000, 600_000};
        // Large ones are rare: they cost time, and a few are enough to cross every bound.
        int size = random.nextInt(20) == 0 ? sizes[3 + random.nextInt(2)] : sizes[random.nextInt(3)];
        return quoted("x".repeat(size));
    }

    private String nested(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    private byte[] broken(String json) {
        return switch (random.nextInt(6)) {
            case 0 -> bytes(json.substring(0, random.nextInt(json.length())));
            case 1 -> bytes(json + " {");
            case 2 -> new byte[0];
            case 3 -> bytes(pick(List.of("null", "[]", "123", "\"s\"", "true")));
            case 4 -> {
                byte[] b = bytes(json);
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                yield b;
            }
            default -> bytes(json.replace(":", ""));
        };
    }

    private byte[] key() {
        return random.nextInt(10) == 0 ? null : bytes("k" + random.nextInt(100));
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String text(Map<String, String> fields) {
        StringBuilder out = new StringBuilder("{");
        fields.forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
        return out.append('}').toString();
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] json(Map<String, Object> event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
