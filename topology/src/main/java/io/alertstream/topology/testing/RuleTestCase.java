package io.alertstream.topology.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alertstream.topology.sourcefile.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rule test file, as users write it under {@code rules/tests/}:
 * <pre>
 * rule_files: [../http-errors.yaml]      # relative to this file; or `rules:` inline
 * start: 2026-01-01T00:00:00Z            # optional; `at` offsets count from here
 * input:
 *   - at: 10s                            # offset from start, or an ISO-8601 time
 *     event: {service: checkout, status: 503}
 *     repeat: 4                          # optional: copies, `every` apart (default 1s)
 *   - wait: 3m                           # wall-clock time passes with no events
 * expect:                                # every alert transition, in order; fields are a subset
 *   - {rule: checkout-5xx, status: FIRING, level: warning, group: {service: checkout}}
 *   - {rule: checkout-5xx, status: RESOLVED}
 * </pre>
 */
public record RuleTestCase(Path file, List<Path> ruleFiles, String inlineRules, List<Step> steps, List<JsonNode> expected) {
    /** The most events one input step may repeat. */
    static final int MAX_REPEAT = 100_000;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A step of the input: an event at an event time, or wall-clock time passing. */
    public sealed interface Step permits Send, Wait {
    }

    public record Send(Instant at, Map<String, Object> event) implements Step {
    }

    public record Wait(Duration duration) implements Step {
    }

    public static RuleTestCase read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": a rule test must be a mapping with 'input' and 'expect'");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("rule_files", "rules", "start", "input", "expect").contains(key)) {
                throw new IOException(file + ": unknown key '" + key + "' (rule_files, rules, start, input, expect)");
            }
        }
        List<Path> ruleFiles = new ArrayList<>();
        root.path("rule_files").forEach(n -> ruleFiles.add(file.getParent().resolve(n.asText()).normalize()));
        String inline = root.has("rules") ? YAML.writeValueAsString(Map.of("rules", root.get("rules"))) : null;
        if (ruleFiles.isEmpty() && inline == null) {
            throw new IOException(file + ": name the rules under test with 'rule_files:' or give them inline under 'rules:'");
        }
        Instant start = root.has("start") ? Instant.parse(root.get("start").asText()) : Instant.parse("2026-01-01T00:00:00Z");
        List<Step> steps = new ArrayList<>();
        int index = 0;
        for (JsonNode step : root.path("input")) {
            index++;
            if (step.has("wait")) {
                steps.add(new Wait(duration(file, index, step.get("wait").asText())));
                continue;
            }
            if (!step.has("at") || !step.has("event") || !step.get("event").isObject()) {
                throw new IOException(file + ": input #" + index + " needs 'at' and an 'event' object (or 'wait')");
            }
            Instant at = time(file, index, start, step.get("at").asText());
            int repeat = step.path("repeat").asInt(1);
            if (repeat < 1 || repeat > MAX_REPEAT) {
                // Each repetition is a step held in memory: 2^31 of them would exhaust the heap, not test a rule.
                throw new IOException(file + ": input #" + index + ": 'repeat' must be from 1 to " + MAX_REPEAT + ", got "
                        + step.path("repeat").asText());
            }
            Duration every = step.has("every") ? duration(file, index, step.get("every").asText()) : Duration.ofSeconds(1);
            @SuppressWarnings("unchecked")
            Map<String, Object> event = JSON.convertValue(step.get("event"), LinkedHashMap.class);
            for (int i = 0; i < repeat; i++) {
                steps.add(new Send(at.plus(every.multipliedBy(i)), event));
            }
        }
        List<JsonNode> expected = new ArrayList<>();
        root.path("expect").forEach(expected::add);
        return new RuleTestCase(file, ruleFiles, inline, steps, expected);
    }

    private static Instant time(Path file, int index, Instant start, String text) throws IOException {
        Duration offset = Durations.parse(text);
        if (offset != null && Durations.withinMax(offset)) {
            return start.plus(offset);
        }
        if (offset != null) {
            throw new IOException(file + ": input #" + index + ": 'at' offset '" + text + "' is longer than "
                    + Durations.format(Durations.MAX));
        }
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new IOException(file + ": input #" + index + ": 'at' must be an offset like 30s or an ISO-8601 time, got '" + text + "'");
        }
    }

    private static Duration duration(Path file, int index, String text) throws IOException {
        Duration d = Durations.parse(text);
        if (d == null || !Durations.withinMax(d)) {
            throw new IOException(file + ": input #" + index + ": bad duration '" + text + "' (at most "
                    + Durations.format(Durations.MAX) + ")");
        }
        return d;
    }

    public String name() {
        return file.getFileName().toString();
    }

    static Map<String, String> sources(RuleTestCase test) throws IOException {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Path p : test.ruleFiles()) {
            sources.put(p.toString(), Files.readString(p));
        }
        if (test.inlineRules() != null) {
            sources.put(test.file() + " (inline rules)", test.inlineRules());
        }
        return sources;
    }
}
