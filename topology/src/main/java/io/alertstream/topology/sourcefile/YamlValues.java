package io.alertstream.topology.sourcefile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Reads typed values out of a SnakeYAML node tree and records, for anything of the wrong shape, a
 * problem at the node's line and column. Knows YAML, not rules: the readers of rule, routing, silences and
 * targets files say what they expect.
 */
public final class YamlValues {
    /** How much of an offending value a problem quotes. */
    public static final int MAX_QUOTED_CHARS = 80;
    private final String file;
    private final int maxChars;
    private final List<RuleProblem> problems = new ArrayList<>();

    public YamlValues(String file, int maxChars) {
        this.file = file;
        this.maxChars = maxChars;
    }

    public List<RuleProblem> problems() {
        return problems;
    }

    public String file() {
        return file;
    }

    public Node compose(String yaml) {
        if (yaml != null && yaml.length() > maxChars) {
            // Refused before parsing: SnakeYAML reads a multi-megabyte scalar for seconds before its own limit trips.
            problems.add(new RuleProblem(file, 1, 1, "too large: " + yaml.length() + " characters, at most " + maxChars));
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(maxChars);
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

    public MappingNode mapping(Node node, String message) {
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

    public String scalar(Node node, String what) {
        if (node instanceof ScalarNode s && s.getTag() != Tag.NULL) {
            return s.getValue();
        }
        problem(node, "'" + what + "' must be a single value");
        return null;
    }

    public String optionalScalar(Map<String, NodeTuple> fields, String key) {
        NodeTuple t = fields.get(key);
        return t == null ? null : scalar(t.getValueNode(), key);
    }

    public Double number(Node node, String what) {
        if (node instanceof ScalarNode s && (s.getTag() == Tag.INT || s.getTag() == Tag.FLOAT)) {
            try {
                double v = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(v)) {
                    return v;
                }
                // 1e400 reads as Infinity: no threshold can be compared with it meaningfully.
            } catch (NumberFormatException e) {
                // fall through to the problem below
            }
        }
        problem(node, "'" + what + "' must be a number, got '" + text(node) + "'");
        return null;
    }

    /** A whole number from 0 to {@code max}; anything else (a fraction, a negative, 10^20) is a problem and 0. */
    public int nonNegativeInt(Node node, String what, int max) {
        if (node == null) {
            return 0;
        }
        if (node instanceof ScalarNode s && s.getTag() == Tag.INT) {
            try {
                int n = Integer.parseInt(s.getValue());
                if (n >= 0 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through: too long for an int is out of range too
            }
        }
        problem(node, "'" + what + "' must be a whole number of windows from 0 to " + max + ", got '" + text(node) + "'");
        return 0;
    }

    public boolean bool(Node node, String what, boolean dflt) {
        if (node == null) {
            return dflt;
        }
        if (node instanceof ScalarNode s && s.getTag() == Tag.BOOL) {
            return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT));
        }
        problem(node, "'" + what + "' must be true or false, got '" + text(node) + "'");
        return dflt;
    }

    public Duration duration(Node node, String what) {
        String s = scalar(node, what);
        if (s == null) {
            return null;
        }
        Duration d = Durations.parse(s);
        if (d == null && Durations.hasDurationShape(s)) {
            problem(node, "duration '" + clip(s) + "' for " + what + " is out of range (at most " + Durations.format(Durations.MAX) + ")");
        } else if (d == null) {
            problem(node, "bad duration '" + clip(s) + "' for " + what + " (use e.g. 500ms, 30s, 5m, 1h, 1h30m, 1d)");
        } else if (!Durations.withinMax(d)) {
            problem(node, "duration '" + s + "' for " + what + " is longer than the maximum " + Durations.format(Durations.MAX));
            return null;
        }
        return d;
    }

    public List<String> stringList(Node node, String what) {
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

    public Map<String, String> stringMap(Node node, String what) {
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

    /**
     * The entries of a mapping by key; each key outside {@code known} is a problem naming
     * {@code where} and, for a near miss, the key meant.
     */
    public Map<String, NodeTuple> fields(MappingNode map, Set<String> known, String where) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = keyOf(t);
            if (known.contains(key)) {
                out.put(key, t);
            } else {
                problem(t.getKeyNode(), "unknown key '" + key + "' in " + where + suggestion(key, known)
                        + " (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
            }
        }
        return out;
    }

    /** " (did you mean 'x'?)" when {@code key} differs from a known key only in case, '_' or '-'; else "". */
    public static String suggestion(String key, Set<String> known) {
        for (String k : known) {
            if (k.replace("_", "").equalsIgnoreCase(key.replace("_", "").replace("-", ""))) {
                return " (did you mean '" + k + "'?)";
            }
        }
        return "";
    }

    public String keyOf(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag() == Tag.NULL;
    }

    public static String text(Node node) {
        return node instanceof ScalarNode s ? clip(s.getValue()) : node.getNodeId().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A value as quoted in a problem: at most {@value #MAX_QUOTED_CHARS} characters, so a megabyte-long
     * value in a topic record cannot turn into a megabyte-long log line.
     */
    public static String clip(String value) {
        if (value == null || value.length() <= MAX_QUOTED_CHARS) {
            return value;
        }
        return value.substring(0, MAX_QUOTED_CHARS) + "...(" + value.length() + " chars)";
    }

    public void problem(Node node, String message) {
        problems.add(SourcePosition.of(file, node).problem(message));
    }
}
