package io.alertstream.topology.silence;

import io.alertstream.topology.routing.LabelMatcher;
import io.alertstream.topology.sourcefile.DirectoryFiles;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import io.alertstream.topology.sourcefile.YamlValues;
import io.alertstream.topology.targets.FieldProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code silences.yaml} of a rules directory: silences kept as code beside the rules.
 *
 * <p>Input: a YAML list of silences, or a mapping {@code {silences: [...]}}; each has an {@code id} (unique in
 * the file), {@code matchers} (a list of {@code name=value}, {@code name!=value}, {@code name=~re2},
 * {@code name!~re2}), {@code starts_at} (optional: from publication), {@code ends_at} or {@code until: resolved},
 * {@code created_by}, and optionally {@code comment} and {@code notify_email}. Output: the valid silences and a
 * {@code file:line:column} problem for every invalid one, at the value that is wrong (inside a regular
 * expression, at the offending character). Never throws.
 */
public final class SilencesFile {
    public static final String NAME = DirectoryFiles.SILENCES;
    public static final String ALT_NAME = DirectoryFiles.SILENCES_ALT;
    private static final Set<String> KEYS = Set.of("id", "matchers", "starts_at", "ends_at", "until", "created_by", "comment",
            "notify_email");
    private static final int MAX_CHARS = 4 * 1024 * 1024;

    private SilencesFile() {
    }

    public record Result(List<Silence> silences, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static boolean isSilencesFile(Path file) {
        String name = file.getFileName().toString();
        return name.equals(NAME) || name.equals(ALT_NAME);
    }

    public static Optional<Result> load(Path rulesDir) throws IOException {
        for (String name : new String[] {NAME, ALT_NAME}) {
            Path p = rulesDir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(read(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return Optional.empty();
    }

    public static Result read(String file, String source) {
        YamlValues yaml = new YamlValues(file, MAX_CHARS);
        List<Silence> out = new ArrayList<>();
        try {
            Node top = yaml.compose(source);
            if (top != null) {
                readTop(yaml, top, out);
            }
        } catch (RuntimeException | StackOverflowError e) {
            yaml.problems().add(new RuleProblem(file, 1, 1, "cannot read: " + e.getClass().getSimpleName()));
        }
        return new Result(List.copyOf(out), List.copyOf(yaml.problems()));
    }

    private static void readTop(YamlValues yaml, Node top, List<Silence> out) {
        Node list = top;
        if (top instanceof MappingNode map) {
            Map<String, NodeTuple> f = yaml.fields(map, Set.of("silences"), "the silences file");
            list = f.containsKey("silences") ? f.get("silences").getValueNode() : null;
        }
        if (!(list instanceof SequenceNode seq)) {
            yaml.problem(top, "a silences file is a list of silences, or a mapping with a 'silences' list");
            return;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (Node entry : seq.getValue()) {
            MappingNode m = yaml.mapping(entry, "a silence must be a mapping with 'id', 'matchers', 'created_by' and an end");
            if (m != null) {
                Silence s = entry(yaml, m, seen);
                if (s != null) {
                    out.add(s);
                }
            }
        }
    }

    private static Silence entry(YamlValues yaml, MappingNode m, Map<String, Integer> seen) {
        int before = yaml.problems().size();
        Map<String, NodeTuple> f = yaml.fields(m, KEYS, "a silence");
        List<String> matchers = new ArrayList<>();
        List<Node> matcherNodes = new ArrayList<>();
        if (f.containsKey("matchers")) {
            Node mn = f.get("matchers").getValueNode();
            if (mn instanceof SequenceNode ms) {
                for (Node item : ms.getValue()) {
                    String text = yaml.scalar(item, "matchers");
                    if (text != null) {
                        matchers.add(text);
                        matcherNodes.add(item);
                    }
                }
            } else {
                yaml.problem(mn, "'matchers' must be a list such as [\"service=checkout\", \"level=critical\"]");
            }
        }
        Silence s = new Silence(yaml.optionalScalar(f, "id"), matchers, yaml.optionalScalar(f, "starts_at"),
                yaml.optionalScalar(f, "ends_at"), yaml.optionalScalar(f, "until"), yaml.optionalScalar(f, "created_by"),
                yaml.optionalScalar(f, "comment"), null, yaml.optionalScalar(f, "notify_email"), null);
        if (s.id() != null && seen.putIfAbsent(s.id(), f.get("id").getValueNode().getStartMark().getLine() + 1) != null) {
            yaml.problem(f.get("id").getValueNode(), "duplicate silence id '" + s.id() + "' (first at line " + seen.get(s.id()) + ")");
        }
        for (FieldProblem p : SilenceValidator.validate(s)) {
            if (p.field().startsWith("matchers[")) {
                int i = Integer.parseInt(p.field().substring("matchers[".length(), p.field().length() - 1));
                LabelMatcher.Parsed parsed = LabelMatcher.parse(matchers.get(i));
                yaml.problems().add(SourcePosition.of(yaml.file(), matcherNodes.get(i)).problemWithin(1, parsed.index(), p.message()));
                continue;
            }
            NodeTuple t = f.get(p.field());
            yaml.problem(t != null ? t.getValueNode() : m, p.field() + " " + p.message());
        }
        return yaml.problems().size() == before ? s : null;
    }
}
