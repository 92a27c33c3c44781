package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The index's contract, checked at random: for every event, the rules whose filter matches among the
 * index's candidates are exactly, and in the same order, the rules whose filter matches when every
 * filter runs (the oracle). Rules mix indexable terms (string, int, uint, double, bool literals, on
 * either side, {@code in} lists, nested paths, {@code event["f"]}) with terms that must not be used
 * ({@code ||}, {@code !}, {@code !=}, ranges, {@code has}) and rules without a filter; events, parsed
 * from JSON as the event parser does, carry values of the right type, the wrong type, maps, lists,
 * {@code -0.0}, integers beyond 2^53, JSON null or nothing at all. It also pins down the one
 * difference in filter errors: a pruned rule whose filter would have failed (not said no) does so
 * only on an event holding a JSON null, which CEL fails to compare with a literal.
 */
class RuleIndexEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** Field path (as a filter writes it) and the literals a filter compares it with. */
    private static final String[][] FIELDS = {
            {"event.service", "\"a\"", "\"b\"", "\"c\"", "\"d\"", "1"},
            {"event[\"service\"]", "\"a\"", "\"b\""},
            {"event.status", "500", "503", "500.0", "500u", "404", "\"500\""},
            {"event.latency", "0.0", "-0.0", "0", "1.5", "2"},
            {"event.ok", "true", "false"},
            {"event.geo.region", "\"eu\"", "\"us\""},
            {"event[\"geo\"].region", "\"eu\""},
            {"event.big", "9007199254740993", "9007199254740992.0", "9007199254740992"},
    };

    /** JSON values per event field; "-" leaves the field out. */
    private static final String[][] VALUES = {
            {"service", "\"a\"", "\"b\"", "\"c\"", "1", "1.0", "{\"a\":1}", "[\"a\"]", "null", "-"},
            {"status", "500", "503", "500.0", "404", "\"500\"", "true", "-"},
            {"latency", "0.0", "-0.0", "0", "1.5", "2", "\"0\"", "-"},
            {"ok", "true", "false", "\"true\"", "1", "-"},
            {"geo", "{\"region\":\"eu\"}", "{\"region\":\"us\"}", "{\"region\":1}", "{}", "\"eu\"", "[]", "-"},
            {"big", "9007199254740993", "9007199254740992", "9007199254740992.0", "-"},
    };

    @Test
    void shouldMatchExactlyTheRulesEveryFilterMatchesInTheSameOrder() throws Exception {
        long candidates = 0;
        long matches = 0;
        long evaluations = 0;
        for (long seed = 1; seed <= 10; seed++) {
            Random random = new Random(seed);
            List<String> filters = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                filters.add(random.nextInt(12) == 0 ? null : filter(random));
            }
            List<CompiledRule> rules = IndexedRules.compile(filters);
            RuleCatalog catalog = new RuleCatalog();
            rules.forEach(catalog::put);
            RuleCatalog.Snapshot snapshot = catalog.current();
            for (int e = 0; e < 200; e++) {
                String json = event(random);
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = JSON.readValue(json, Map.class);
                Map<String, Object> activation = Map.of(RuleCompiler.EVENT_VAR, fields);

                // Each filter runs once (it is deterministic): the oracle is every rule that says YES.
                RuleIndex index = snapshot.index();
                boolean[] yes = new boolean[index.size()];
                boolean[] error = new boolean[index.size()];
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < index.size(); i++) {
                    CompiledRule rule = snapshot.enabled().get(i);
                    CompiledRule.Match match = rule.matches(activation);
                    yes[i] = match == CompiledRule.Match.YES;
                    error[i] = match == CompiledRule.Match.ERROR;
                    if (yes[i]) {
                        expected.add(rule.id() + " " + rule.spec().filter());
                    }
                }
                List<String> actual = new ArrayList<>();
                int[] ordinals = index.candidates(fields);
                for (int ordinal : ordinals) {
                    CompiledRule rule = index.rule(ordinal);
                    assertThat(rule).isSameAs(snapshot.enabled().get(ordinal));
                    if (yes[ordinal]) {
                        actual.add(rule.id() + " " + rule.spec().filter());
                    }
                }
                boolean[] candidate = new boolean[index.size()];
                for (int ordinal : ordinals) {
                    candidate[ordinal] = true;
                }
                // A pruned rule's filter may have failed rather than said no only where CEL fails on
                // null == literal: on an event with a JSON null (fan-out then counts no filter error).
                for (int i = 0; i < index.size(); i++) {
                    if (error[i] && !candidate[i]) {
                        assertThat(fields.containsValue(null))
                                .as("pruned rule %s failed on %s", snapshot.enabled().get(i).spec().filter(), json).isTrue();
                    }
                }
                assertThat(actual).as("seed %d, event %s", seed, json).isEqualTo(expected);
                candidates += ordinals.length;
                matches += expected.size();
                evaluations += rules.size();
            }
        }
        // The test means something only if rules match and the index prunes.
        assertThat(matches).isGreaterThan(evaluations / 50);
        assertThat(candidates).isLessThan(evaluations / 2);
    }

    private static String filter(Random random) {
        int terms = 1 + random.nextInt(3);
        List<String> parts = new ArrayList<>();
        for (int t = 0; t < terms; t++) {
            parts.add(term(random));
        }
        return String.join(" && ", parts);
    }

    private static String term(Random random) {
        String[] field = FIELDS[random.nextInt(FIELDS.length)];
        String path = field[0];
        String literal = literal(random, field);
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> path + " == " + literal;
            case 3 -> literal + " == " + path;
            case 4 -> path + " in [" + literal + ", " + literal(random, field) + "]";
            case 5 -> "(" + path + " == " + literal + " || " + term(random) + ")";
            case 6 -> "!(" + path + " == " + literal + ")";
            case 7 -> path + " != " + literal;
            case 8 -> "has(" + (path.startsWith("event[") ? "event.service" : path) + ")";
            default -> "(" + term(random) + ")";
        };
    }

    private static String literal(Random random, String[] field) {
        return field[1 + random.nextInt(field.length - 1)];
    }

    private static String event(Random random) {
        List<String> members = new ArrayList<>();
        for (String[] field : VALUES) {
            String value = field[1 + random.nextInt(field.length - 1)];
            if (!value.equals("-")) {
                members.add("\"" + field[0] + "\":" + value);
            }
        }
        return "{" + String.join(",", members) + "}";
    }
}
