package io.alertstream.topology.rules;

import io.alertstream.topology.sourcefile.YamlValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads a rule's {@code triggers:}: per level exactly one of {@code above}/{@code below}, an optional
 * clear threshold on the matching side, both levels in the same direction, critical beyond warning.
 * {@code above}/{@code below} may name an event field instead of a number ({@code above: {field: threshold}}):
 * such a level takes no clear threshold (a bound that moves with the events leaves no fixed band for
 * hysteresis), and the critical-beyond-warning check applies only between fixed thresholds. A rule reads
 * its thresholds from one field at most: a window carries one threshold (see WindowAggregate).
 */
final class TriggerReader {
    private final YamlValues yaml;

    TriggerReader(YamlValues yaml) {
        this.yaml = yaml;
    }

    List<Trigger> triggers(Node node, Node rule) {
        List<Trigger> triggers = new ArrayList<>();
        if (node == null) {
            yaml.problem(rule, "missing required key 'triggers' (warning and/or critical, each with above: or below:)");
            return triggers;
        }
        MappingNode map = yaml.mapping(node, "'triggers' must map levels (warning, critical) to thresholds");
        if (map == null) {
            return triggers;
        }
        Map<Level, Node> positions = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = yaml.keyOf(t);
            Level level = Level.fromLabel(key);
            if (level == null) {
                yaml.problem(t.getKeyNode(), "unknown level '" + key + "' (warning, critical)");
                continue;
            }
            Trigger trigger = trigger(level, t.getValueNode());
            if (trigger != null) {
                triggers.add(trigger);
                positions.put(level, t.getValueNode());
            }
        }
        if (triggers.isEmpty()) {
            if (!map.getValue().isEmpty()) {
                return triggers;
            }
            yaml.problem(node, "'triggers' needs at least one level");
            return triggers;
        }
        triggers.sort((a, b) -> a.level().compareTo(b.level()));
        if (triggers.size() == 2) {
            Trigger warning = triggers.get(0);
            Trigger critical = triggers.get(1);
            Node at = positions.get(Level.CRITICAL);
            if (warning.fromField() && critical.fromField() && !warning.thresholdField().equals(critical.thresholdField())) {
                yaml.problem(at, "critical reads its threshold from field '" + critical.thresholdField() + "' and warning from '"
                        + warning.thresholdField() + "': a rule reads its thresholds from one field at most");
            } else if (warning.direction() != critical.direction()) {
                yaml.problem(at, "warning and critical must both use 'above' or both use 'below'");
            } else if (warning.fromField() || critical.fromField()) {
                return triggers; // a threshold read from the events is known per window only
            } else if (warning.direction() == Direction.ABOVE && critical.threshold() < warning.threshold()) {
                yaml.problem(at, "critical threshold " + critical.threshold() + " is below the warning threshold " + warning.threshold());
            } else if (warning.direction() == Direction.BELOW && critical.threshold() > warning.threshold()) {
                yaml.problem(at, "critical threshold " + critical.threshold() + " is above the warning threshold " + warning.threshold());
            }
        }
        return triggers;
    }

    private Trigger trigger(Level level, Node node) {
        MappingNode map = yaml.mapping(node, "level '" + level.label() + "' needs 'above:' or 'below:' a number");
        if (map == null) {
            return null;
        }
        Double above = null;
        Double below = null;
        String field = null;
        Double clearBelow = null;
        Double clearAbove = null;
        Node clearNode = null;
        int directions = 0;
        int before = yaml.problems().size();
        for (NodeTuple t : map.getValue()) {
            String key = yaml.keyOf(t);
            Node v = t.getValueNode();
            switch (key) {
                case "above" -> {
                    directions++;
                    if (v instanceof MappingNode) {
                        field = thresholdField(v, level.label() + ".above");
                        above = Double.NaN;
                    } else {
                        above = yaml.number(v, level.label() + ".above");
                    }
                }
                case "below" -> {
                    directions++;
                    if (v instanceof MappingNode) {
                        field = thresholdField(v, level.label() + ".below");
                        below = Double.NaN;
                    } else {
                        below = yaml.number(v, level.label() + ".below");
                    }
                }
                case "clear_below" -> { clearBelow = yaml.number(v, level.label() + ".clear_below"); clearNode = v; }
                case "clear_above" -> { clearAbove = yaml.number(v, level.label() + ".clear_above"); clearNode = v; }
                default -> yaml.problem(t.getKeyNode(), "unknown key '" + key + "' in level " + level.label()
                        + " (above, below, clear_below, clear_above)");
            }
        }
        if (directions != 1) {
            yaml.problem(node, "level '" + level.label() + "' needs exactly one of 'above:' or 'below:'");
            return null;
        }
        if (yaml.problems().size() > before) {
            return null;
        }
        if (field != null) {
            if (clearNode != null) {
                yaml.problem(clearNode, "a threshold read from field '" + field + "' takes no clear_below/clear_above:"
                        + " the level clears when a closed window is back within the threshold its events carry");
                return null;
            }
            return Trigger.fromField(level, above != null ? Direction.ABOVE : Direction.BELOW, field);
        }
        if (above != null) {
            if (clearAbove != null) {
                yaml.problem(clearNode, "'clear_above' goes with 'below'; with 'above' use 'clear_below'");
                return null;
            }
            if (clearBelow != null && clearBelow > above) {
                yaml.problem(clearNode, "clear_below " + clearBelow + " must be at most the threshold " + above);
                return null;
            }
            return new Trigger(level, Direction.ABOVE, above, clearBelow == null ? above : clearBelow);
        }
        if (clearBelow != null) {
            yaml.problem(clearNode, "'clear_below' goes with 'above'; with 'below' use 'clear_above'");
            return null;
        }
        if (clearAbove != null && clearAbove < below) {
            yaml.problem(clearNode, "clear_above " + clearAbove + " must be at least the threshold " + below);
            return null;
        }
        return new Trigger(level, Direction.BELOW, below, clearAbove == null ? below : clearAbove);
    }

    /** {@code {field: path}}: the field path, or null after reporting a problem at the offending node. */
    private String thresholdField(Node node, String what) {
        MappingNode map = (MappingNode) node;
        Node fieldNode = null;
        for (NodeTuple t : map.getValue()) {
            String key = yaml.keyOf(t);
            if ("field".equals(key)) {
                fieldNode = t.getValueNode();
            } else {
                yaml.problem(t.getKeyNode(), "unknown key '" + key + "' in " + what + " (a number, or {field: <event field>})");
            }
        }
        if (fieldNode == null) {
            yaml.problem(node, "'" + what + "' needs a number or {field: <event field>}");
            return null;
        }
        String path = yaml.scalar(fieldNode, what + ".field");
        if (path != null && !RuleSourceReader.FIELD_PATH.matcher(path).matches()) {
            yaml.problem(fieldNode, "'" + path + "' is not a field path (letters, digits, _ and -, dotted for nesting)");
            return null;
        }
        return path;
    }
}
