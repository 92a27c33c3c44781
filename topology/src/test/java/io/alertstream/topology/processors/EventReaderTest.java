package io.alertstream.topology.processors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.rules.FieldsRead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The selective reader against the full parse it replaces (Jackson into a map, longs for integers,
 * trailing tokens refused): on random documents and random selections it keeps exactly the selected
 * fields with the same values, and it accepts and refuses exactly the same inputs.
 */
class EventReaderTest {
    private static final ObjectMapper FULL = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final List<String> NAMES = List.of("timestamp", "service", "kind", "http", "tags", "latency", "ok", "n", "é");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldKeepExactlyTheSelectedFieldsAsAFullParseReadsThem(long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            String json = FULL.writeValueAsString(object(random, 0));
            Map<String, Object> full = FULL.readValue(json, OBJECT);
            Set<String> chosen = new HashSet<>();
            NAMES.forEach(n -> {
                if (random.nextBoolean()) {
                    chosen.add(n);
                }
            });
            FieldsRead read = random.nextInt(5) == 0 ? FieldsRead.ALL : FieldsRead.of(chosen);
            Map<String, Object> expected = new LinkedHashMap<>(full);
            expected.keySet().removeIf(k -> !read.reads(k) && !k.equals("timestamp"));
            assertThat(EventReader.read(bytes(json), read, "timestamp")).as(json).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void shouldRefuseExactlyWhatAFullParseRefuses(long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            String json = corrupt(FULL.writeValueAsString(object(random, 0)), random);
            boolean fullAccepts;
            try {
                fullAccepts = FULL.readValue(json, OBJECT) != null;
            } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
                continue; // an integer beyond a long: refused by the full parse, a double here (tested below)
            } catch (JsonProcessingException e) {
                fullAccepts = false;
            }
            String outcome;
            try {
                outcome = "accepted as " + EventReader.read(bytes(json), FieldsRead.of(List.of("kind")), "timestamp");
            } catch (JsonProcessingException | EventReader.NotAnObject e) {
                outcome = "refused: " + e.getMessage();
            } catch (EventReader.NonFiniteNumber e) {
                assertThat(fullAccepts).as("a full parse reads %s as infinity", json).isTrue();
                continue; // refused on purpose where a full parse gives infinity (tested below)
            }
            assertThat(outcome).as(json).startsWith(fullAccepts ? "accepted" : "refused");
        }
    }

    @Test
    void shouldSayWhatAValueThatIsNoObjectIs() {
        assertThatThrownBy(() -> EventReader.read(bytes("[1,2]"), FieldsRead.ALL, "t"))
                .isInstanceOf(EventReader.NotAnObject.class).hasMessage("value is JSON but not an object: it is an array");
        assertThatThrownBy(() -> EventReader.read(bytes("null"), FieldsRead.ALL, "t"))
                .isInstanceOf(EventReader.NotAnObject.class).hasMessage("value is JSON null, not an object");
        assertThatThrownBy(() -> EventReader.read(bytes("{\"a\":1} {"), FieldsRead.ALL, "t"))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> EventReader.read(bytes("{\"a\":1, \"skipped\": [1, }"), FieldsRead.of(List.of("a")), "t"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldRefuseANumberBeyondADoublesRangeInAFieldThatIsReadAtAnyDepth() {
        for (String json : List.of("{\"n\": 1e400}", "{\"n\": -1e400}", "{\"n\": {\"deep\": [1, 1e999]}}",
                "{\"n\": 1" + "0".repeat(400) + "}")) {
            assertThatThrownBy(() -> EventReader.read(bytes(json), FieldsRead.ALL, "t")).as(json)
                    .isInstanceOf(EventReader.NonFiniteNumber.class).hasMessageContaining("field 'n'");
        }
    }

    @Test
    void shouldRefuseANestedIntegerBeyondALongAsMalformedAsBefore() {
        assertThatThrownBy(() -> EventReader.read(bytes("{\"n\": [-1" + "0".repeat(400) + "]}"), FieldsRead.ALL, "t"))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void shouldNotCheckNumbersInFieldsNoRuleReads() throws Exception {
        assertThat(EventReader.read(bytes("{\"n\": 1e400, \"m\": 7}"), FieldsRead.of(List.of("m")), "t")).containsOnlyKeys("m");
    }

    @Test
    void shouldReadAnIntegerBeyondALongAsADouble() throws Exception {
        assertThat(EventReader.read(bytes("{\"n\": 123456789012345678901234567890, \"m\": 7}"), FieldsRead.ALL, "t"))
                .containsEntry("n", 1.2345678901234568E29).containsEntry("m", 7L);
    }

    private static Map<String, Object> object(Random random, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = random.nextInt(depth == 0 ? 8 : 4);
        for (int i = 0; i < n; i++) {
            m.put(NAMES.get(random.nextInt(NAMES.size())), value(random, depth));
        }
        return m;
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth < 2 ? 10 : 8)) {
            case 0 -> "s" + random.nextInt(100) + (random.nextBoolean() ? "\"\\\u00e9\n" : "");
            case 1 -> random.nextLong();
            case 2 -> random.nextInt(1000);
            case 3 -> random.nextDouble() * 1e6;
            case 4 -> -random.nextDouble() * 1e300;
            case 5 -> random.nextBoolean();
            case 6 -> null;
            case 7 -> "";
            case 8 -> object(random, depth + 1);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    /** Cuts, duplicates or swaps a character, or appends something, half of the time. */
    private static String corrupt(String json, Random random) {
        if (random.nextBoolean() || json.length() < 2) {
            return json;
        }
        int at = random.nextInt(json.length());
        return switch (random.nextInt(5)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + json.charAt(at) + json.substring(at);
            case 2 -> json.substring(0, at) + "}],:\"x 1".charAt(random.nextInt(8)) + json.substring(at + 1);
            case 3 -> json + (random.nextBoolean() ? " {}" : " ");
            default -> random.nextBoolean() ? "[" + json + "]" : "null";
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
