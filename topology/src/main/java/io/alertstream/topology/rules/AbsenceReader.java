package io.alertstream.topology.rules;

import io.alertstream.topology.sourcefile.YamlValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a rule's {@code absent:} mapping ({@code for}, optional {@code grace}, {@code level} and
 * {@code groups}), every problem at its line and column. The rule keys an absence rule cannot take
 * ({@code window}, {@code aggregate}, {@code triggers}, {@code for}) are refused by
 * {@link RuleSourceReader}, which knows where they are.
 */
final class AbsenceReader {
    /** Rule keys that describe windows and thresholds: meaningless for a rule that fires on silence. */
    static final List<String> WINDOW_KEYS = List.of("window", "aggregate", "triggers", "for");
    private static final Set<String> KEYS = Set.of("for", "grace", "level", "groups");

    private final YamlValues yaml;

    AbsenceReader(YamlValues yaml) {
        this.yaml = yaml;
    }

    /** The absence, or null after recording its problems. */
    Absence absence(Node node, List<String> groupBy) {
        MappingNode map = yaml.mapping(node, "'absent' must be a mapping such as {for: 5m}, with optional grace, level and groups");
        if (map == null) {
            return null;
        }
        int before = yaml.problems().size();
        Map<String, NodeTuple> fields = yaml.fields(map, KEYS, "absent");
        Duration silence = null;
        NodeTuple forTuple = fields.get("for");
        if (forTuple == null) {
            yaml.problem(node, "missing 'for' in absent (how long a group may send nothing, e.g. absent: {for: 5m})");
        } else {
            silence = yaml.duration(forTuple.getValueNode(), "absent.for");
            if (silence != null && silence.isZero()) {
                yaml.problem(forTuple.getValueNode(), "absent.for must be greater than 0");
            }
        }
        Duration grace = fields.containsKey("grace") ? yaml.duration(fields.get("grace").getValueNode(), "absent.grace") : Duration.ZERO;
        Level level = Level.CRITICAL;
        if (fields.containsKey("level")) {
            Node levelNode = fields.get("level").getValueNode();
            String label = yaml.scalar(levelNode, "absent.level");
            level = label == null ? null : Level.fromLabel(label);
            if (label != null && level == null) {
                yaml.problem(levelNode, "unknown level '" + YamlValues.clip(label) + "' in absent (warning, critical)");
            }
        }
        List<Map<String, Object>> groups = fields.containsKey("groups") ? groups(fields.get("groups").getValueNode(), groupBy) : List.of();
        if (yaml.problems().size() > before || silence == null || grace == null || level == null) {
            return null;
        }
        return new Absence(silence, grace, level, groups);
    }

    private List<Map<String, Object>> groups(Node node, List<String> groupBy) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (!(node instanceof SequenceNode seq)) {
            yaml.problem(node, "'absent.groups' must be a list of groups, each a mapping of the group_by fields, e.g. [{service: checkout}]");
            return out;
        }
        if (seq.getValue().size() > Absence.MAX_GROUPS) {
            yaml.problem(node, "absent.groups lists " + seq.getValue().size() + " groups; at most " + Absence.MAX_GROUPS + " are allowed");
            return out;
        }
        Set<Map<String, Object>> seen = new HashSet<>();
        for (Node item : seq.getValue()) {
            MappingNode map = yaml.mapping(item, "each entry of absent.groups must be a mapping of the group_by fields, e.g. {service: checkout}");
            if (map == null) {
                continue;
            }
            Map<String, Object> group = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = yaml.keyOf(t);
                if (!groupBy.contains(key)) {
                    yaml.problem(t.getKeyNode(), "'" + YamlValues.clip(key) + "' in absent.groups is not a group_by field"
                            + (groupBy.isEmpty() ? " (the rule has no group_by: list one group, {})" : " (" + String.join(", ", groupBy) + ")"));
                } else if (!(t.getValueNode() instanceof ScalarNode s)) {
                    yaml.problem(t.getValueNode(), "absent.groups value of '" + key + "' must be a single value (string, number, boolean or null)");
                } else {
                    group.put(key, typed(s));
                }
            }
            List<String> missing = groupBy.stream().filter(f -> !map.getValue().stream().anyMatch(t -> f.equals(yaml.keyOf(t)))).toList();
            if (!missing.isEmpty()) {
                yaml.problem(item, "group in absent.groups lacks group_by field(s) " + String.join(", ", missing)
                        + " (write null for a group whose events lack the field)");
            } else if (!seen.add(group)) {
                yaml.problem(item, "absent.groups lists this group twice");
            }
            out.add(group);
        }
        return out;
    }

    /** The value as the event's JSON would hold it, so the group key is the one its events produce. */
    private static Object typed(ScalarNode s) {
        Tag tag = s.getTag();
        String v = s.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            } else if (Tag.BOOL.equals(tag)) {
                return Boolean.valueOf(v.toLowerCase(java.util.Locale.ROOT).matches("true|yes|on|y"));
            } else if (Tag.INT.equals(tag)) {
                return Long.valueOf(v.replace("_", ""));
            } else if (Tag.FLOAT.equals(tag)) {
                return Double.valueOf(v.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return v; // a number beyond long: kept as written
        }
        return v;
    }
}
