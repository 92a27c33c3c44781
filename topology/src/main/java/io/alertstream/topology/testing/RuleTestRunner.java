package io.alertstream.topology.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.rules.RuleSetLoader;
import io.alertstream.topology.sourcefile.RuleProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs rule tests through the real topology under TopologyTestDriver and explains failures as a
 * line-by-line comparison of expected and actual alert transitions.
 */
public final class RuleTestRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleTestRunner() {
    }

    /** The outcome of one test file; {@code report} is empty when it passed. */
    public record Outcome(Path file, boolean passed, String report) {
    }

    /** Test files in a directory: {@code DIR/*.yaml}, or {@code DIR/tests/*.yaml} when DIR is a rules directory. */
    public static List<Path> findTests(Path dir) throws IOException {
        Path tests = Files.isDirectory(dir.resolve("tests")) ? dir.resolve("tests") : dir;
        try (Stream<Path> files = Files.list(tests)) {
            return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    public static Outcome run(Path file) {
        try {
            return run(RuleTestCase.read(file));
        } catch (IOException e) {
            return new Outcome(file, false, e.getMessage());
        }
    }

    public static Outcome run(RuleTestCase test) throws IOException {
        RuleSetLoader.RuleSet rules = RuleSetLoader.loadSources(RuleTestCase.sources(test));
        if (!rules.ok()) {
            StringBuilder out = new StringBuilder(test.file() + ": the rules under test are invalid:\n");
            for (RuleProblem p : rules.problems()) {
                out.append("  ").append(p).append('\n');
            }
            return new Outcome(test.file(), false, out.toString());
        }
        List<Alert> actual = new ArrayList<>();
        try (AlertHarness harness = new AlertHarness()) {
            harness.publish(rules.rules());
            for (RuleTestCase.Step step : test.steps()) {
                if (step instanceof RuleTestCase.Send send) {
                    harness.send(send.at(), send.event());
                } else {
                    harness.advance(((RuleTestCase.Wait) step).duration());
                }
                actual.addAll(harness.alerts());
            }
        }
        return compare(test, actual);
    }

    static Outcome compare(RuleTestCase test, List<Alert> actual) {
        List<JsonNode> expected = test.expected();
        boolean passed = expected.size() == actual.size();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            JsonNode want = i < expected.size() ? expected.get(i) : null;
            JsonNode got = i < actual.size() ? JSON.valueToTree(actual.get(i)) : null;
            String line;
            if (want == null) {
                line = "  #" + (i + 1) + " UNEXPECTED  " + brief(got);
                passed = false;
            } else if (got == null) {
                line = "  #" + (i + 1) + " MISSING     expected " + want;
                passed = false;
            } else {
                List<String> diffs = new ArrayList<>();
                diff("", normalize(want), got, diffs);
                if (diffs.isEmpty()) {
                    line = "  #" + (i + 1) + " ok          " + brief(got);
                } else {
                    line = "  #" + (i + 1) + " MISMATCH    " + brief(got) + "\n              " + String.join("\n              ", diffs);
                    passed = false;
                }
            }
            out.append(line).append('\n');
        }
        String report = passed ? "" : test.file() + ": alert transitions differ from the expectation (expected " + expected.size() + ", got "
                + actual.size() + ")\n" + out;
        return new Outcome(test.file(), passed, report);
    }

    private static JsonNode normalize(JsonNode want) {
        var copy = want.deepCopy();
        if (copy.isObject() && copy.has("rule")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).set("ruleId", copy.get("rule"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove("rule");
        }
        return copy;
    }

    /** Every field of {@code want} must be in {@code got}; numbers compare as numbers. */
    private static void diff(String path, JsonNode want, JsonNode got, List<String> out) {
        if (want.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode g = got == null ? null : got.get(e.getKey());
                if (g == null || g.isMissingNode()) {
                    out.add(p + ": expected " + e.getValue() + ", field absent");
                } else {
                    diff(p, e.getValue(), g, out);
                }
            }
        } else if (want.isNumber() && got.isNumber()) {
            if (Math.abs(want.asDouble() - got.asDouble()) > 1e-9 * Math.max(1, Math.abs(want.asDouble()))) {
                out.add(path + ": expected " + number(want) + ", got " + number(got));
            }
        } else if (!want.equals(got)) {
            out.add(path + ": expected " + want + ", got " + got);
        }
    }

    private static String brief(JsonNode alert) {
        return alert.path("status").asText() + " " + (alert.path("level").isNull() ? "" : alert.path("level").asText() + " ")
                + alert.path("alertKey").asText() + " value=" + number(alert.path("value")) + " at=" + alert.path("at").asText();
    }

    /**
     * A number as a person writes it and exactly: 51 rather than 51.0, 0.1 rather than 0.1000000000000000055
     * (not rounded to a few digits like the console: a test's diff must show every digit that differs).
     */
    static String number(JsonNode n) {
        if (!n.isNumber()) {
            return n.toString();
        }
        double v = n.asDouble();
        if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return n.isFloatingPointNumber() ? Double.toString(v) : n.asText();
    }
}
