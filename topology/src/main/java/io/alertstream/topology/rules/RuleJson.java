package io.alertstream.topology.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.sourcefile.Durations;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The canonical JSON of a rule, as published on the {@code rules} topic: the same keys as the YAML
 * file, so a record on the topic reads like the rule its author wrote. It is read back with
 * {@link RuleSourceReader#readRule}, the same reader that checks files.
 */
public final class RuleJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleJson() {
    }

    public static String write(RuleSpec spec) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", spec.id());
        putIfPresent(out, "description", spec.description());
        if (!spec.labels().isEmpty()) {
            out.put("labels", new java.util.TreeMap<>(spec.labels()));
        }
        putIfPresent(out, "summary", spec.summary());
        putIfPresent(out, "filter", spec.filter());
        if (!spec.groupBy().isEmpty()) {
            out.put("group_by", spec.groupBy());
        }
        if (spec.isAbsence()) {
            out.put("absent", absence(spec.absence()));
        } else {
            writeWindowed(spec, out);
        }
        if (!spec.owners().isEmpty()) {
            out.put("owners", spec.owners());
        }
        if (!spec.recipients().isEmpty()) {
            Map<String, Object> recipients = new LinkedHashMap<>();
            for (Level level : Level.values()) {
                if (spec.recipients().containsKey(level)) {
                    recipients.put(level.label(), spec.recipients().get(level));
                }
            }
            out.put("recipients", recipients);
        }
        out.put("enabled", spec.enabled());
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write rule " + spec.id(), e);
        }
    }

    private static void writeWindowed(RuleSpec spec, Map<String, Object> out) {
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("size", Durations.format(spec.window().size()));
        if (spec.window().hopping()) {
            window.put("advance", Durations.format(spec.window().advance()));
        }
        window.put("grace", Durations.format(spec.window().grace()));
        out.put("window", window);
        Map<String, Object> aggregate = new LinkedHashMap<>();
        aggregate.put("function", spec.aggregation().label());
        putIfPresent(aggregate, "field", spec.field());
        out.put("aggregate", aggregate);
        Map<String, Object> triggers = new LinkedHashMap<>();
        for (Trigger t : spec.triggers()) {
            Map<String, Object> level = new LinkedHashMap<>();
            boolean above = t.direction() == Direction.ABOVE;
            if (t.fromField()) {
                level.put(above ? "above" : "below", Map.of("field", t.thresholdField()));
            } else {
                level.put(above ? "above" : "below", t.threshold());
            }
            if (!t.fromField() && t.clear() != t.threshold()) {
                level.put(above ? "clear_below" : "clear_above", t.clear());
            }
            triggers.put(t.level().label(), level);
        }
        out.put("triggers", triggers);
        out.put("for", spec.forWindows());
    }

    private static Map<String, Object> absence(Absence a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("for", Durations.format(a.silence()));
        out.put("grace", Durations.format(a.grace()));
        out.put("level", a.level().label());
        if (!a.groups().isEmpty()) {
            out.put("groups", a.groups());
        }
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
