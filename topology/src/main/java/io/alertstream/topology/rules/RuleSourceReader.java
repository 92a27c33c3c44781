package io.alertstream.topology.rules;

import io.alertstream.template.Template;
import io.alertstream.template.TemplateSyntaxException;
import io.alertstream.topology.sourcefile.Durations;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import io.alertstream.topology.sourcefile.YamlValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads rules from YAML (a rule file with a top-level {@code rules:} list, or one rule as a JSON
 * object, as it travels on the {@code rules} topic; JSON is YAML). Works on the SnakeYAML node tree
 * rather than on bound objects so that every problem carries the line and column of the offending
 * key or value. Semantic checks that need no compiler (durations, thresholds, placeholders) happen
 * here; CEL is checked by {@link RuleCompiler}.
 */
public final class RuleSourceReader {
    public static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*");
    private static final Set<String> RULE_KEYS = Set.of("id", "description", "labels", "summary", "filter", "group_by",
            "window", "aggregate", "triggers", "for", "owners", "recipients", "enabled", "absent");
    private static final int MAX_SOURCE_CHARS = 4 * 1024 * 1024;
    /**
     * The largest single rule (a record of the rules topic): a rule is a few hundred bytes, and a
     * megabyte value would hold the global thread for seconds inside the YAML parser.
     */
    public static final int MAX_RULE_CHARS = 256 * 1024;
    /**
     * The most windows one event may fall in (window.size / window.advance, rounded up): each event
     * updates every one of them, so this bounds the work per event.
     */
    public static final int MAX_WINDOWS_PER_EVENT = 100;
    /** The most consecutive breaching windows {@code for:} may ask for before a level is reached. */
    public static final int MAX_FOR_WINDOWS = 1000;

    private final YamlValues yaml;
    private final List<RuleProblem> problems;

    private RuleSourceReader(String file, int maxChars) {
        this.yaml = new YamlValues(file, maxChars);
        this.problems = yaml.problems();
    }

    /** Reads a rule file: a mapping with a {@code rules:} list. */
    public static Result readFile(String file, String yaml) {
        try {
            return readFileUnguarded(file, yaml);
        } catch (RuntimeException | StackOverflowError e) {
            return unreadable(file, e);
        }
    }

    private static Result readFileUnguarded(String file, String yaml) {
        RuleSourceReader reader = new RuleSourceReader(file, MAX_SOURCE_CHARS);
        List<ParsedRule> rules = new ArrayList<>();
        Node root = reader.yaml.compose(yaml);
        if (root != null) {
            MappingNode top = reader.yaml.mapping(root, "a rule file must be a mapping with a 'rules:' list");
            if (top != null) {
                Node list = null;
                for (NodeTuple t : top.getValue()) {
                    String key = reader.yaml.keyOf(t);
                    if ("rules".equals(key)) {
                        list = t.getValueNode();
                    } else {
                        reader.yaml.problem(t.getKeyNode(), "unknown key '" + key + "' (a rule file holds only 'rules:')");
                    }
                }
                if (list == null) {
                    reader.yaml.problem(root, "missing 'rules:' list");
                } else if (list instanceof SequenceNode seq) {
                    for (Node item : seq.getValue()) {
                        ParsedRule rule = reader.rule(item);
                        if (rule != null) {
                            rules.add(rule);
                        }
                    }
                } else if (!YamlValues.isNull(list)) {
                    reader.yaml.problem(list, "'rules' must be a list");
                }
            }
        }
        return new Result(rules, reader.problems);
    }

    /**
     * Reads one rule given as a mapping (the JSON form used on the rules topic). Never throws: whatever
     * the value (not JSON, nested a thousand deep, megabytes long), the outcome is a rule or problems,
     * because a throw here would stop the global thread that keeps the rules store.
     */
    public static Result readRule(String source, String jsonOrYaml) {
        RuleSourceReader reader = new RuleSourceReader(source, MAX_RULE_CHARS);
        try {
            Node root = reader.yaml.compose(jsonOrYaml);
            ParsedRule rule = root == null ? null : reader.rule(root);
            return new Result(rule == null ? List.of() : List.of(rule), reader.problems);
        } catch (RuntimeException | StackOverflowError e) {
            return unreadable(source, e);
        }
    }

    /** The outcome for input that broke the reader itself: a problem naming the failure, never a throw. */
    static Result unreadable(String source, Throwable e) {
        return new Result(List.of(), List.of(new RuleProblem(source, 1, 1,
                "cannot read: " + e.getClass().getSimpleName() + ": " + YamlValues.clip(String.valueOf(e.getMessage())))));
    }

    /** Rules read without problems, and the problems; a rule with any problem is left out. */
    public record Result(List<ParsedRule> rules, List<RuleProblem> problems) {
    }

    private ParsedRule rule(Node node) {
        MappingNode map = yaml.mapping(node, "a rule must be a mapping");
        if (map == null) {
            return null;
        }
        int before = problems.size();
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = yaml.keyOf(t);
            if (!RULE_KEYS.contains(key)) {
                yaml.problem(t.getKeyNode(), "unknown key '" + key + "'" + YamlValues.suggestion(key, RULE_KEYS));
            } else {
                fields.put(key, t);
            }
        }
        Node idNode = value(fields, "id");
        String id = idNode == null ? null : yaml.scalar(idNode, "id");
        if (idNode == null) {
            yaml.problem(node, "missing required key 'id'");
        } else if (id != null && !RULE_ID.matcher(id).matches()) {
            yaml.problem(idNode, "rule id '" + id + "' must match [a-z0-9][a-z0-9._-]*");
        }
        String description = yaml.optionalScalar(fields, "description");
        Map<String, String> labels = yaml.stringMap(value(fields, "labels"), "labels");
        Node filterNode = value(fields, "filter");
        String filter = filterNode == null ? null : yaml.scalar(filterNode, "filter");
        // Checked once here, to report its errors with the rule's other problems; compiling reuses it.
        dev.cel.common.CelValidationResult filterCheck = filter == null ? null : RuleCompiler.check(filter);
        if (filterCheck != null) {
            problems.addAll(RuleCompiler.filterProblems(filterCheck, SourcePosition.of(yaml.file(), filterNode)));
        }
        List<String> groupBy = fieldPaths(value(fields, "group_by"));
        Node absentNode = value(fields, "absent");
        Absence absence = null;
        WindowSpec window;
        Aggregation[] aggregation = new Aggregation[1];
        String field = null;
        List<Trigger> triggers;
        int forWindows = 0;
        if (absentNode != null) {
            for (String key : AbsenceReader.WINDOW_KEYS) {
                if (fields.containsKey(key)) {
                    yaml.problem(fields.get(key).getKeyNode(), "'" + key + "' does not apply to an absence rule: it fires when a group"
                            + " sends nothing for absent.for (remove '" + key + "', or 'absent' for a threshold rule)");
                }
            }
            absence = new AbsenceReader(yaml).absence(absentNode, groupBy);
            window = absence == null ? null : absence.slots();
            // The matches of an absence rule carry their event time as the number, so a partial's min is its first event.
            aggregation[0] = Aggregation.MIN;
            triggers = List.of();
        } else {
            window = window(value(fields, "window"), node);
            Node aggNode = value(fields, "aggregate");
            field = aggregate(aggNode, node, aggregation);
            triggers = new TriggerReader(yaml).triggers(value(fields, "triggers"), node);
            forWindows = yaml.nonNegativeInt(value(fields, "for"), "for", MAX_FOR_WINDOWS);
        }
        List<String> owners = owners(value(fields, "owners"), groupBy);
        Map<Level, List<String>> recipients = recipients(value(fields, "recipients"));
        boolean enabled = yaml.bool(value(fields, "enabled"), "enabled", true);
        Node summaryNode = value(fields, "summary");
        String summary = summaryNode == null ? null : yaml.scalar(summaryNode, "summary");
        if (summary != null) {
            checkPlaceholders(summaryNode, summary, groupBy, absentNode != null);
        }
        if (window != null && window.windowsPerEvent() > MAX_WINDOWS_PER_EVENT) {
            yaml.problem(value(fields, "window"), "window size / advance puts each event in " + window.windowsPerEvent()
                    + " windows; at most " + MAX_WINDOWS_PER_EVENT + " are allowed");
        }
        if (problems.size() > before || id == null || window == null || aggregation[0] == null
                || (triggers.isEmpty() && absence == null)) {
            return null;
        }
        RuleSpec spec = new RuleSpec(id, description, labels, summary, filter, groupBy, window, aggregation[0], field,
                triggers, forWindows, owners, recipients, enabled, absence);
        return new ParsedRule(spec, SourcePosition.of(yaml.file(), idNode),
                filterNode == null ? null : SourcePosition.of(yaml.file(), filterNode), filterCheck);
    }

    private WindowSpec window(Node node, Node rule) {
        if (node == null) {
            yaml.problem(rule, "missing required key 'window' (e.g. window: {size: 1m})");
            return null;
        }
        MappingNode map = yaml.mapping(node, "'window' must be a mapping with 'size', optional 'advance' and 'grace'");
        if (map == null) {
            return null;
        }
        Duration size = null;
        Duration advance = null;
        Duration grace = Duration.ZERO;
        Node sizeNode = null;
        Node advanceNode = null;
        for (NodeTuple t : map.getValue()) {
            String key = yaml.keyOf(t);
            switch (key) {
                case "size" -> { sizeNode = t.getValueNode(); size = yaml.duration(sizeNode, "window.size"); }
                case "advance" -> { advanceNode = t.getValueNode(); advance = yaml.duration(advanceNode, "window.advance"); }
                case "grace" -> grace = yaml.duration(t.getValueNode(), "window.grace");
                default -> yaml.problem(t.getKeyNode(), "unknown key '" + key + "' in window (size, advance, grace)");
            }
        }
        if (sizeNode == null) {
            yaml.problem(node, "missing 'size' in window");
            return null;
        }
        if (size == null || grace == null || (advanceNode != null && advance == null)) {
            return null;
        }
        if (size.isZero()) {
            yaml.problem(sizeNode, "window.size must be greater than 0");
            return null;
        }
        if (advance == null) {
            advance = size;
        } else if (advance.isZero() || advance.compareTo(size) > 0) {
            yaml.problem(advanceNode, "window.advance must be greater than 0 and at most window.size (" + Durations.format(size) + ")");
            return null;
        }
        return new WindowSpec(size, advance, grace);
    }

    private String aggregate(Node node, Node rule, Aggregation[] out) {
        if (node == null) {
            yaml.problem(rule, "missing required key 'aggregate' (count, sum, avg, min, max, distinct_count, p50, p90, p95, p99)");
            return null;
        }
        Node functionNode = node;
        Node fieldNode = null;
        if (node instanceof MappingNode map) {
            functionNode = null;
            for (NodeTuple t : map.getValue()) {
                String key = yaml.keyOf(t);
                switch (key) {
                    case "function" -> functionNode = t.getValueNode();
                    case "field" -> fieldNode = t.getValueNode();
                    default -> yaml.problem(t.getKeyNode(), "unknown key '" + key + "' in aggregate (function, field)");
                }
            }
            if (functionNode == null) {
                yaml.problem(node, "missing 'function' in aggregate");
                return null;
            }
        }
        String name = yaml.scalar(functionNode, "aggregate");
        if (name == null) {
            return null;
        }
        Aggregation aggregation = Aggregation.fromLabel(name);
        if (aggregation == null) {
            yaml.problem(functionNode, "unknown aggregate '" + name + "' (count, sum, avg, min, max, distinct_count, p50, p90, p95, p99)");
            return null;
        }
        String field = fieldNode == null ? null : yaml.scalar(fieldNode, "aggregate.field");
        if (aggregation.needsField() && fieldNode == null) {
            yaml.problem(functionNode, "aggregate '" + name + "' needs a 'field' (e.g. aggregate: {function: " + name + ", field: latency_ms})");
            return null;
        }
        if (!aggregation.needsField() && fieldNode != null) {
            yaml.problem(fieldNode, "aggregate 'count' takes no field; use a filter such as has(event.x) to count events with a field");
            return null;
        }
        if (field != null && !FIELD_PATH.matcher(field).matches()) {
            yaml.problem(fieldNode, "'" + field + "' is not a field path (letters, digits, _ and -, dotted for nesting)");
            return null;
        }
        out[0] = aggregation;
        return field;
    }

    /** The owners, each a user id or {{group.<a group_by field>}} (see OwnerTemplate), each problem at its entry. */
    private List<String> owners(Node node, List<String> groupBy) {
        List<String> owners = yaml.stringList(node, "owners");
        if (node instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                String entry = item instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : null;
                String problem = entry == null ? null : OwnerTemplate.problem(entry, groupBy);
                if (problem != null) {
                    yaml.problem(item, problem);
                }
            }
        }
        return owners;
    }

    private Map<Level, List<String>> recipients(Node node) {
        Map<Level, List<String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        MappingNode map = yaml.mapping(node, "'recipients' must map levels to lists of addresses");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String key = yaml.keyOf(t);
            Level level = Level.fromLabel(key);
            if (level == null) {
                yaml.problem(t.getKeyNode(), "unknown level '" + key + "' in recipients (warning, critical)");
            } else {
                out.put(level, yaml.stringList(t.getValueNode(), "recipients." + key));
            }
        }
        return out;
    }

    /**
     * The summary in the one placeholder syntax ({@link Template}): a malformed placeholder at its own
     * {@code file:line:column}, then each name checked against what a summary can show.
     */
    private void checkPlaceholders(Node node, String summary, List<String> groupBy, boolean absence) {
        Template template;
        try {
            template = Template.parse(summary);
        } catch (TemplateSyntaxException e) {
            int lineStart = summary.lastIndexOf('\n', e.position() - 1) + 1;
            int innerLine = 1 + (int) summary.substring(0, lineStart).chars().filter(c -> c == '\n').count();
            yaml.problems().add(SourcePosition.of(yaml.file(), node)
                    .problemWithin(innerLine, e.position() - lineStart, "summary: " + e.getMessage()));
            return;
        }
        for (String name : template.names()) {
            boolean known = switch (name) {
                case "value", "threshold", "level", "rule" -> true;
                default -> name.startsWith("group.") && groupBy.contains(name.substring("group.".length()));
            };
            if (absence && (name.equals("value") || name.equals("threshold"))) {
                yaml.problem(node, "placeholder {{" + name + "}} has no value in an absence rule's summary (level, rule, group.<a group_by field>)");
            } else if (!known) {
                yaml.problem(node, "unknown placeholder {{" + name + "}} in summary (value, threshold, level, rule, group.<a group_by field>)");
            }
        }
    }

    private List<String> fieldPaths(Node node) {
        List<String> paths = yaml.stringList(node, "group_by");
        Set<String> seen = new LinkedHashSet<>();
        for (String path : paths) {
            if (!FIELD_PATH.matcher(path).matches()) {
                yaml.problem(node, "group_by entry '" + path + "' is not a field path (letters, digits, _ and -, dotted for nesting)");
            } else if (!seen.add(path)) {
                yaml.problem(node, "group_by lists '" + path + "' twice");
            }
        }
        return paths;
    }

    private static Node value(Map<String, NodeTuple> fields, String key) {
        NodeTuple t = fields.get(key);
        return t == null ? null : t.getValueNode();
    }

}
