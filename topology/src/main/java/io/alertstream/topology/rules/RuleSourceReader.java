package io.alertstream.topology.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads rules from YAML (a rule file with a top-level {@code rules:} list, or one rule as a JSON
 * object, as it travels on the {@code rules} topic; JSON is YAML). Works on the SnakeYAML node tree
 * rather than on bound objects so that every problem carries the line and column of the offending
 * key or value. Semantic checks that need no compiler (durations, thresholds, placeholders) happen
 * here; CEL is checked by {@link RuleCompiler}.
 */
public final class RuleSourceReader {
    public static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "labels", "summary", "filter", "group_by",
            "window", "aggregate", "triggers", "for", "owners", "recipients", "enabled");
    private static final int MAX_SOURCE_CHARS = 4 * 1024 * 1024;
    private static final int MAX_WINDOWS_PER_EVENT = 100;

    private final String file;
    private final List<RuleProblem> problems = new ArrayList<>();

    private RuleSourceReader(String file) {
        this.file = file;
    }

    /** Reads a rule file: a mapping with a {@code rules:} list. */
    public static Result readFile(String file, String yaml) {
        RuleSourceReader reader = new RuleSourceReader(file);
        List<ParsedRule> rules = new ArrayList<>();
        Node root = reader.compose(yaml);
        if (root != null) {
            MappingNode top = reader.mapping(root, "a rule file must be a mapping with a 'rules:' list");
            if (top != null) {
                Node list = null;
                for (NodeTuple t : top.getValue()) {
                    String key = reader.keyOf(t);
                    if ("rules".equals(key)) {
                        list = t.getValueNode();
                    } else {
                        reader.problem(t.getKeyNode(), "unknown key '" + key + "' (a rule file holds only 'rules:')");
                    }
                }
                if (list == null) {
                    reader.problem(root, "missing 'rules:' list");
                } else if (list instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        ParsedRule rule = reader.rule(item);
                        if (rule != null) {
                            rules.add(rule);
                        }
                    }
                } else if (!isNull(list)) {
                    reader.problem(list, "'rules' must be a list");
                }
            }
        }
        return new Result(rules, reader.problems);
    }

    /** Reads one rule given as a mapping (the JSON form used on the rules topic). */
    public static Result readRule(String source, String jsonOrYaml) {
        RuleSourceReader reader = new RuleSourceReader(source);
        Node root = reader.compose(jsonOrYaml);
        ParsedRule rule = root == null ? null : reader.rule(root);
        return new Result(rule == null ? List.of() : List.of(rule), reader.problems);
    }

    /** Rules read without problems, and the problems; a rule with any problem is left out. */
    public record Result(List<ParsedRule> rules, List<RuleProblem> problems) {
    }

    private Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(MAX_SOURCE_CHARS);
        try {
            return new Yaml(options).compose(new java.io.StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            problems.add(mark == null ? new RuleProblem(file, 1, 1, "invalid YAML: " + what)
                    : new RuleProblem(file, mark.getLine() + 1, mark.getColumn() + 1, "invalid YAML: " + what));
        } catch (RuntimeException e) {
            problems.add(new RuleProblem(file, 1, 1, "invalid YAML: " + e.getMessage()));
        }
        return null;
    }

    private ParsedRule rule(Node node) {
        MappingNode map = mapping(node, "a rule must be a mapping");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            if (!RULE_KEYS.contains(key)) {
                problem(t.getKeyNode(), "unknown key '" + key + "'" + suggestion(key, RULE_KEYS));
            } else {
                fields.put(key, t);
            }
        }
        Node idNode = value(fields, "id");
        String id = idNode == null ? null : scalar(idNode, "id");
        if (idNode == null) {
            problem(node, "missing required key 'id'");
        } else if (id != null && !RULE_ID.matcher(id).matches()) {
            problem(idNode, "rule id '" + id + "' must match [a-z0-9][a-z0-9._-]*");
        }
        String description = optionalScalar(fields, "description");
        Map<String, String> labels = stringMap(value(fields, "labels"), "labels");
        Node filterNode = value(fields, "filter");
        String filter = filterNode == null ? null : scalar(filterNode, "filter");
        if (filter != null) {
            problems.addAll(RuleCompiler.checkFilter(filter, SourcePosition.of(file, filterNode)));
        }
        List<String> groupBy = fieldPaths(value(fields, "group_by"));
        WindowSpec window = window(value(fields, "window"), node);
        Node aggNode = value(fields, "aggregate");
        Aggregation[] aggregation = new Aggregation[1];
        String field = aggregate(aggNode, node, aggregation);
        List<Trigger> triggers = triggers(value(fields, "triggers"), node);
        int forWindows = nonNegativeInt(value(fields, "for"), "for");
        List<String> owners = stringList(value(fields, "owners"), "owners");
        Map<Level, List<String>> recipients = recipients(value(fields, "recipients"));
        boolean enabled = bool(value(fields, "enabled"), "enabled", true);
        Node summaryNode = value(fields, "summary");
        String summary = summaryNode == null ? null : scalar(summaryNode, "summary");
        if (summary != null) {
            checkPlaceholders(summaryNode, summary, groupBy);
        }
        if (window != null && window.windowsPerEvent() > MAX_WINDOWS_PER_EVENT) {
            problem(value(fields, "window"), "window size / advance puts each event in " + window.windowsPerEvent()
                    + " windows; at most " + MAX_WINDOWS_PER_EVENT + " are allowed");
        }
        if (problems.size() > before || id == null || window == null || aggregation[0] == null || triggers.isEmpty()) {
            return null;
        }
        RuleSpec spec = new RuleSpec(id, description, labels, summary, filter, groupBy, window, aggregation[0], field,
                triggers, forWindows, owners, recipients, enabled);
        return new ParsedRule(spec, SourcePosition.of(file, idNode),
                filterNode == null ? null : SourcePosition.of(file, filterNode));
    }

    private WindowSpec window(Node node, Node rule) {
        if (node == null) {
            problem(rule, "missing required key 'window' (e.g. window: {size: 1m})");
            return null;
        }
        MappingNode map = mapping(node, "'window' must be a mapping with 'size', optional 'advance' and 'grace'");
        if (map == null) {
            return null;
        }
        Duration size = null;
        Duration advance = null;
        Duration grace = Duration.ZERO;
        Node sizeNode = null;
        Node advanceNode = null;
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            switch (key) {
                case "size" -> { sizeNode = t.getValueNode(); size = duration(sizeNode, "window.size"); }
                case "advance" -> { advanceNode = t.getValueNode(); advance = duration(advanceNode, "window.advance"); }
                case "grace" -> grace = duration(t.getValueNode(), "window.grace");
                default -> problem(t.getKeyNode(), "unknown key '" + key + "' in window (size, advance, grace)");
            }
        }
        if (sizeNode == null) {
            problem(node, "missing 'size' in window");
            return null;
        }
        if (size == null || grace == null || (advanceNode != null && advance == null)) {
            return null;
        }
        if (size.isZero()) {
            problem(sizeNode, "window.size must be greater than 0");
            return null;
        }
        if (advance == null) {
            advance = size;
        } else if (advance.isZero() || advance.compareTo(size) > 0) {
            problem(advanceNode, "window.advance must be greater than 0 and at most window.size (" + Durations.format(size) + ")");
            return null;
        }
        return new WindowSpec(size, advance, grace);
    }

    private String aggregate(Node node, Node rule, Aggregation[] out) {
        if (node == null) {
            problem(rule, "missing required key 'aggregate' (count, sum, avg, min, max, distinct_count, p50, p90, p95, p99)");
            return null;
        }
        Node functionNode = node;
        Node fieldNode = null;
        if (node instanceof MappingNode map) {
            functionNode = null;
            for (NodeTuple t : map.getValue()) {
                String key = keyOf(t);
                switch (key) {
                    case "function" -> functionNode = t.getValueNode();
                    case "field" -> fieldNode = t.getValueNode();
                    default -> problem(t.getKeyNode(), "unknown key '" + key + "' in aggregate (function, field)");
                }
            }
            if (functionNode == null) {
                problem(node, "missing 'function' in aggregate");
                return null;
            }
        }
        String name = scalar(functionNode, "aggregate");
        if (name == null) {
            return null;
        }
        Aggregation aggregation = Aggregation.fromLabel(name);
        if (aggregation == null) {
            problem(functionNode, "unknown aggregate '" + name + "' (count, sum, avg, min, max, distinct_count, p50, p90, p95, p99)");
            return null;
        }
        String field = fieldNode == null ? null : scalar(fieldNode, "aggregate.field");
        if (aggregation.needsField() && fieldNode == null) {
            problem(functionNode, "aggregate '" + name + "' needs a 'field' (e.g. aggregate: {function: " + name + ", field: latency_ms})");
            return null;
        }
        if (!aggregation.needsField() && fieldNode != null) {
            problem(fieldNode, "aggregate 'count' takes no field; use a filter such as has(event.x) to count events with a field");
            return null;
        }
        if (field != null && !FIELD_PATH.matcher(field).matches()) {
            problem(fieldNode, "'" + field + "' is not a field path (letters, digits, _ and -, dotted for nesting)");
            return null;
        }
        out[0] = aggregation;
        return field;
    }

    private List<Trigger> triggers(Node node, Node rule) {
        List<Trigger> triggers = new ArrayList<>();
        if (node == null) {
            problem(rule, "missing required key 'triggers' (warning and/or critical, each with above: or below:)");
            return triggers;
        }
        MappingNode map = mapping(node, "'triggers' must map levels (warning, critical) to thresholds");
        if (map == null) {
            return triggers;
        }
        Map<Level, Node> positions = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            Level level = Level.fromLabel(key);
            if (level == null) {
                problem(t.getKeyNode(), "unknown level '" + key + "' (warning, critical)");
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
            problem(node, "'triggers' needs at least one level");
            return triggers;
        }
        triggers.sort((a, b) -> a.level().compareTo(b.level()));
        if (triggers.size() == 2) {
            Trigger warning = triggers.get(0);
            Trigger critical = triggers.get(1);
            Node at = positions.get(Level.CRITICAL);
            if (warning.direction() != critical.direction()) {
                problem(at, "warning and critical must both use 'above' or both use 'below'");
            } else if (warning.direction() == Direction.ABOVE && critical.threshold() < warning.threshold()) {
                problem(at, "critical threshold " + critical.threshold() + " is below the warning threshold " + warning.threshold());
            } else if (warning.direction() == Direction.BELOW && critical.threshold() > warning.threshold()) {
                problem(at, "critical threshold " + critical.threshold() + " is above the warning threshold " + warning.threshold());
            }
        }
        return triggers;
    }

    private Trigger trigger(Level level, Node node) {
        MappingNode map = mapping(node, "level '" + level.label() + "' needs 'above:' or 'below:' a number");
        if (map == null) {
            return null;
        }
        Double above = null;
        Double below = null;
        Double clearBelow = null;
        Double clearAbove = null;
        Node clearNode = null;
        int directions = 0;
        int before = problems.size();
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            Node v = t.getValueNode();
            switch (key) {
                case "above" -> { above = number(v, level.label() + ".above"); directions++; }
                case "below" -> { below = number(v, level.label() + ".below"); directions++; }
                case "clear_below" -> { clearBelow = number(v, level.label() + ".clear_below"); clearNode = v; }
                case "clear_above" -> { clearAbove = number(v, level.label() + ".clear_above"); clearNode = v; }
                default -> problem(t.getKeyNode(), "unknown key '" + key + "' in level " + level.label()
                        + " (above, below, clear_below, clear_above)");
            }
        }
        if (directions != 1) {
            problem(node, "level '" + level.label() + "' needs exactly one of 'above:' or 'below:'");
            return null;
        }
        if (problems.size() > before) {
            return null;
        }
        if (above != null) {
            if (clearAbove != null) {
                problem(clearNode, "'clear_above' goes with 'below'; with 'above' use 'clear_below'");
                return null;
            }
            if (clearBelow != null && clearBelow > above) {
                problem(clearNode, "clear_below " + clearBelow + " must be at most the threshold " + above);
                return null;
            }
            return new Trigger(level, Direction.ABOVE, above, clearBelow == null ? above : clearBelow);
        }
        if (clearBelow != null) {
            problem(clearNode, "'clear_below' goes with 'above'; with 'below' use 'clear_above'");
            return null;
        }
        if (clearAbove != null && clearAbove < below) {
            problem(clearNode, "clear_above " + clearAbove + " must be at least the threshold " + below);
            return null;
        }
        return new Trigger(level, Direction.BELOW, below, clearAbove == null ? below : clearAbove);
    }

    private Map<Level, List<String>> recipients(Node node) {
        Map<Level, List<String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        MappingNode map = mapping(node, "'recipients' must map levels to lists of addresses");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            Level level = Level.fromLabel(key);
            if (level == null) {
                problem(t.getKeyNode(), "unknown level '" + key + "' in recipients (warning, critical)");
            } else {
                out.put(level, stringList(t.getValueNode(), "recipients." + key));
            }
        }
        return out;
    }

    private void checkPlaceholders(Node node, String summary, List<String> groupBy) {
        var m = PLACEHOLDER.matcher(summary);
        while (m.find()) {
            String name = m.group(1);
            boolean known = switch (name) {
                case "value", "threshold", "level", "rule" -> true;
                default -> name.startsWith("group.") && groupBy.contains(name.substring("group.".length()));
            };
            if (!known) {
                problem(node, "unknown placeholder {{" + name + "}} in summary (value, threshold, level, rule, group.<a group_by field>)");
            }
        }
    }

    private List<String> fieldPaths(Node node) {
        List<String> paths = stringList(node, "group_by");
        Set<String> seen = new LinkedHashSet<>();
        for (String path : paths) {
            if (!FIELD_PATH.matcher(path).matches()) {
                problem(node, "group_by entry '" + path + "' is not a field path (letters, digits, _ and -, dotted for nesting)");
            } else if (!seen.add(path)) {
                problem(node, "group_by lists '" + path + "' twice");
            }
        }
        return paths;
    }

    private MappingNode mapping(Node node, String message) {
        if (node instanceof MappingNode map) {
            // SnakeYAML checks duplicate keys only when constructing objects; we read nodes, so check here.
            Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple t : map.getValue()) {
                if (!seen.add(keyOf(t))) {
                    problem(t.getKeyNode(), "duplicate key '" + keyOf(t) + "'");
                }
            }
            return map;
        }
        problem(node, message);
        return null;
    }

    private String scalar(Node node, String what) {
        if (node instanceof ScalarNode s && s.getTag() != Tag.NULL) {
            return s.getValue();
        }
        problem(node, "'" + what + "' must be a single value");
        return null;
    }

    private String optionalScalar(Map<String, NodeTuple> fields, String key) {
        Node v = value(fields, key);
        return v == null ? null : scalar(v, key);
    }

    private Double number(Node node, String what) {
        if (node instanceof ScalarNode s && (s.getTag() == Tag.INT || s.getTag() == Tag.FLOAT)) {
            try {
                return Double.parseDouble(s.getValue().replace("_", ""));
            } catch (NumberFormatException e) {
                // fall through to the problem below
            }
        }
        problem(node, "'" + what + "' must be a number, got '" + text(node) + "'");
        return null;
    }

    private int nonNegativeInt(Node node, String what) {
        if (node == null) {
            return 0;
        }
        if (node instanceof ScalarNode s && s.getTag() == Tag.INT) {
            try {
                int n = Integer.parseInt(s.getValue());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        problem(node, "'" + what + "' must be a whole number of windows (0 or more), got '" + text(node) + "'");
        return 0;
    }

    private boolean bool(Node node, String what, boolean dflt) {
        if (node == null) {
            return dflt;
        }
        if (node instanceof ScalarNode s && s.getTag() == Tag.BOOL) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        problem(node, "'" + what + "' must be true or false, got '" + text(node) + "'");
        return dflt;
    }

    private Duration duration(Node node, String what) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        Duration d = Durations.parse(s);
        if (d == null) {
            problem(node, "bad duration '" + s + "' for " + what + " (use e.g. 500ms, 30s, 5m, 1h, 1h30m, 1d)");
        }
        return d;
    }

    private List<String> stringList(Node node, String what) {
        List<String> out = new ArrayList<>();
        if (node == null || isNull(node)) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem(node, "'" + what + "' must be a list");
            return out;
        }
        for (Node item : seq.getValue()) {
            String s = scalar(item, what + " entry");
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    private Map<String, String> stringMap(Node node, String what) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || isNull(node)) {
            return out;
        }
        MappingNode map = mapping(node, "'" + what + "' must be a mapping of names to values");
        if (map != null) {
            for (NodeTuple t : map.getValue()) {
                String v = scalar(t.getValueNode(), what + "." + keyOf(t));
                if (v != null) {
                    out.put(keyOf(t), v);
                }
            }
        }
        return out;
    }

    private static Node value(Map<String, NodeTuple> fields, String key) {
        NodeTuple t = fields.get(key);
        return t == null ? null : t.getValueNode();
    }

    private String keyOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag() == Tag.NULL;
    }

    private static String text(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : node.getNodeId().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String suggestion(String key, Set<String> known) {
        for (String k : known) {
            if (k.replace("_", "").equalsIgnoreCase(key.replace("_", "").replace("-", ""))) {
                return " (did you mean '" + k + "'?)";
            }
        }
        return "";
    }

    private void problem(Node node, String message) {
        problems.add(SourcePosition.of(file, node).problem(message));
    }
}
