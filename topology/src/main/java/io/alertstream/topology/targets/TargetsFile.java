package io.alertstream.topology.targets;

import io.alertstream.topology.sourcefile.DirectoryFiles;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import io.alertstream.topology.sourcefile.YamlValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code targets.yaml} of a rules directory: uptime targets kept as code beside the rules.
 *
 * <p>Input: either a YAML list of targets, or a mapping {@code {owner: <user>, targets: [...]}}. Each target has
 * an {@code id} ({@code [A-Za-z0-9_-]{1,64}}, unique in the file), optionally its own {@code owner}, and the
 * fields of {@link TargetValidator}. Output: the valid targets (owner = the entry's {@code owner}, else the
 * file's, else the first of its {@code owners}; created/updated at the given time) and a
 * {@code file:line:column} problem for every invalid one, at the field that is wrong. Never throws.
 */
public final class TargetsFile {
    public static final String NAME = DirectoryFiles.TARGETS;
    public static final String ALT_NAME = DirectoryFiles.TARGETS_ALT;
    static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_CHARS = 4 * 1024 * 1024;

    private TargetsFile() {
    }

    /** The targets that are valid and the problems of the rest. */
    public record Result(List<Target> targets, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Whether a file of a rules directory is the targets file (the rule loader skips it). */
    public static boolean isTargetsFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals(NAME) || name.equals(ALT_NAME);
    }

    /** The targets file of a rules directory, read, if there is one. */
    public static Optional<Result> load(Path rulesDir, String now) throws IOException {
        for (String name : new String[] {NAME, ALT_NAME}) {
            Path p = rulesDir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(read(p.toString(), Files.readString(p, StandardCharsets.UTF_8), now));
            }
        }
        return Optional.empty();
    }

    /** @param now the instant stamped as created_at and updated_at (the publisher keeps earlier ones of unchanged targets) */
    public static Result read(String file, String source, String now) {
        YamlValues yaml = new YamlValues(file, MAX_CHARS);
        List<Target> out = new ArrayList<>();
        try {
            Node top = yaml.compose(source);
            if (top != null) {
                readTop(yaml, top, now, out);
            }
        } catch (RuntimeException | StackOverflowError e) {
            yaml.problems().add(new RuleProblem(file, 1, 1, "cannot read: " + e.getClass().getSimpleName()));
        }
        return new Result(List.copyOf(out), List.copyOf(yaml.problems()));
    }

    private static void readTop(YamlValues yaml, Node top, String now, List<Target> out) {
        String fileOwner = null;
        Node list = top;
        if (top instanceof MappingNode map) {
            Map<String, NodeTuple> f = yaml.fields(map, Set.of("owner", "targets"), "the targets file");
            fileOwner = yaml.optionalScalar(f, "owner");
            list = f.containsKey("targets") ? f.get("targets").getValueNode() : null;
        }
        if (!(list instanceof SequenceNode seq)) {
            yaml.problem(top, "a targets file is a list of targets, or a mapping with 'owner' and a 'targets' list");
            return;
        }
        Map<String, SourcePosition> seen = new HashMap<>();
        for (Node entry : seq.getValue()) {
            MappingNode m = yaml.mapping(entry, "a target must be a mapping with 'id' and 'url'");
            if (m != null) {
                Target t = entry(yaml, m, fileOwner, now, seen);
                if (t != null) {
                    out.add(t);
                }
            }
        }
    }

    private static Target entry(YamlValues yaml, MappingNode m, String fileOwner, String now, Map<String, SourcePosition> seen) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Node> at = new HashMap<>();
        String id = null;
        String owner = fileOwner;
        int before = yaml.problems().size();
        for (NodeTuple t : m.getValue()) {
            String key = YamlValues.text(t.getKeyNode());
            if (key.equals("id")) {
                id = yaml.scalar(t.getValueNode(), "id");
                if (id != null && !ID.matcher(id).matches()) {
                    yaml.problem(t.getValueNode(), "bad target id '" + YamlValues.clip(id) + "' (letters, digits, '_' and '-', 1 to 64)");
                } else if (id != null && seen.putIfAbsent(id, SourcePosition.of(yaml.file(), t.getValueNode())) != null) {
                    yaml.problem(t.getValueNode(), "duplicate target id '" + id + "' (first at line " + seen.get(id).line() + ")");
                }
            } else if (key.equals("owner")) {
                owner = yaml.scalar(t.getValueNode(), "owner");
            } else {
                fields.put(key, value(t.getValueNode()));
                at.put(key, t.getValueNode());
                at.put(key + "#key", t.getKeyNode());
            }
        }
        if (id == null && yaml.problems().size() == before) {
            yaml.problem(m, "a target needs an 'id'");
        }
        String dfltOwner = owner;
        if (dfltOwner == null && fields.get("owners") instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String s) {
            dfltOwner = s;
        }
        if (dfltOwner == null) {
            yaml.problem(m, "target '" + id + "' needs an 'owner' (here or at the top of the file) or 'owners'");
        }
        TargetValidator.Result r = TargetValidator.validate(fields, dfltOwner);
        for (FieldProblem p : r.problems()) {
            String top = p.field().split("[.\\[]", 2)[0];
            Node node = p.message().startsWith("unknown field") ? at.get(top + "#key") : at.get(top);
            yaml.problem(node == null ? m : node, p.field() + " " + p.message());
        }
        if (yaml.problems().size() != before) {
            return null;
        }
        return r.target().with(id, dfltOwner, now, now);
    }

    /** A YAML node as the plain value a JSON body would give: numbers, booleans, null, strings (timestamps stay text). */
    static Object value(Node node) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            try {
                if (tag.equals(Tag.NULL)) {
                    return null;
                } else if (tag.equals(Tag.INT)) {
                    return Long.parseLong(s.getValue().replace("_", ""));
                } else if (tag.equals(Tag.FLOAT)) {
                    return Double.parseDouble(s.getValue());
                } else if (tag.equals(Tag.BOOL)) {
                    return Boolean.parseBoolean(s.getValue());
                }
            } catch (NumberFormatException e) {
                return s.getValue();
            }
            return s.getValue();
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(value(n)));
            return out;
        }
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.getValue().forEach(t -> out.put(YamlValues.text(t.getKeyNode()), value(t.getValueNode())));
            return out;
        }
        return null;
    }
}
