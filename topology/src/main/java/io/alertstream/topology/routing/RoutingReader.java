package io.alertstream.topology.routing;

import io.alertstream.topology.rules.Level;
import io.alertstream.topology.sourcefile.RuleProblem;
import io.alertstream.topology.sourcefile.SourcePosition;
import io.alertstream.topology.sourcefile.YamlValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a routing file ({@code routing.yaml} beside the rules) into a {@link RoutingSpec}. Like the rule
 * reader it works on the YAML node tree, so every problem is reported as {@code file:line:column}, and
 * it reports all problems of the file in one run. Settings a route leaves out are inherited from its
 * parent; the root's defaults are below.
 */
public final class RoutingReader {
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);
    public static final List<String> DEFAULT_GROUP_BY = List.of("rule");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Set<String> TOP_KEYS = Set.of("receivers", "route", "inhibit_rules");
    private static final Set<String> INHIBIT_KEYS = Set.of("source_match", "source_match_re", "target_match", "target_match_re", "equal");
    private static final Set<String> ROUTE_KEYS = Set.of("match", "match_re", "levels", "receiver", "group_by", "group_wait",
            "group_interval", "repeat_interval", "mode", "send_resolved", "continue", "routes", "flapping", "escalate");
    private static final Set<String> ROOT_ONLY_FORBIDDEN = Set.of("match", "match_re", "levels", "continue");
    private static final int MAX_SOURCE_CHARS = 1024 * 1024;
    private static final int MAX_DEPTH = 16;

    private final YamlValues yaml;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private final List<Runnable> deferredChecks = new ArrayList<>();
    private final List<InhibitRule> inhibitRules = new ArrayList<>();

    private RoutingReader(String file) {
        this.yaml = new YamlValues(file, MAX_SOURCE_CHARS);
    }

    /** The spec when {@link #problems()} is empty; otherwise null. */
    public record Result(RoutingSpec spec, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Reads a routing file or topic value. Never throws: anything unreadable is a problem, so the routing in force keeps running. */
    public static Result read(String file, String source) {
        try {
            return readUnguarded(file, source);
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(null, List.of(new RuleProblem(file, 1, 1,
                    "cannot read: " + e.getClass().getSimpleName() + ": " + YamlValues.clip(String.valueOf(e.getMessage())))));
        }
    }

    private static Result readUnguarded(String file, String source) {
        RoutingReader reader = new RoutingReader(file);
        Route root = reader.readFile(source);
        reader.deferredChecks.forEach(Runnable::run);
        List<RuleProblem> problems = List.copyOf(reader.yaml.problems());
        return new Result(problems.isEmpty() ? new RoutingSpec(reader.receivers, root, reader.inhibitRules) : null, problems);
    }

    private Route readFile(String source) {
        Node top = yaml.compose(source);
        if (top == null) {
            if (yaml.problems().isEmpty()) {
                yaml.problems().add(new RuleProblem(yaml.file(), 1, 1, "empty routing file: expected 'receivers:' and 'route:'"));
            }
            return null;
        }
        MappingNode map = yaml.mapping(top, "a routing file must be a mapping with 'receivers:' and 'route:'");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> fields = yaml.fields(map, TOP_KEYS, "the routing file");
        if (fields.containsKey("receivers")) {
            new ReceiversReader(yaml, receivers).read(fields.get("receivers").getValueNode());
        } else {
            yaml.problem(top, "missing 'receivers:' list");
        }
        if (fields.containsKey("inhibit_rules")) {
            readInhibitRules(fields.get("inhibit_rules").getValueNode());
        }
        if (!fields.containsKey("route")) {
            yaml.problem(top, "missing 'route:' (the root route, with at least a 'receiver')");
            return null;
        }
        return readRoute(fields.get("route").getValueNode(), null, 0);
    }

    private Route readRoute(Node node, Route parent, int depth) {
        MappingNode map = yaml.mapping(node, "a route must be a mapping (with 'receiver', matchers, settings, 'routes')");
        if (map == null) {
            return null;
        }
        if (depth > MAX_DEPTH) {
            yaml.problem(node, "routes nested deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        Map<String, NodeTuple> f = yaml.fields(map, ROUTE_KEYS, parent == null ? "the root route" : "a route");
        if (parent == null) {
            for (String key : ROOT_ONLY_FORBIDDEN) {
                if (f.containsKey(key)) {
                    yaml.problem(f.get(key).getKeyNode(), "the root route takes every alert: '" + key + "' belongs on a child route");
                }
            }
        }
        Map<String, String> match = f.containsKey("match") ? labelMap(f.get("match").getValueNode(), "match") : Map.of();
        Map<String, com.google.re2j.Pattern> matchRe = f.containsKey("match_re") ? regexMap(f.get("match_re").getValueNode(), "match_re") : Map.of();
        List<String> levels = f.containsKey("levels") ? levels(f.get("levels").getValueNode()) : List.of();
        String receiver = parent == null ? null : parent.receiver();
        if (f.containsKey("receiver")) {
            Node rn = f.get("receiver").getValueNode();
            receiver = yaml.scalar(rn, "receiver");
            String name = receiver;
            deferredChecks.add(() -> {
                if (name != null && !receivers.containsKey(name)) {
                    yaml.problem(rn, "unknown receiver '" + name + "'" + YamlValues.suggestion(name, receivers.keySet())
                            + " (receivers: " + String.join(", ", receivers.keySet()) + ")");
                }
            });
        } else if (parent == null) {
            yaml.problem(node, "the root route needs a 'receiver' (the default for alerts no child route takes)");
        }
        List<String> groupBy = parent == null ? DEFAULT_GROUP_BY : parent.groupBy();
        if (f.containsKey("group_by")) {
            groupBy = groupBy(f.get("group_by").getValueNode());
        }
        Duration groupWait = setting(f, "group_wait", parent == null ? DEFAULT_GROUP_WAIT : parent.groupWait(), true);
        Duration groupInterval = setting(f, "group_interval", parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupInterval(), false);
        Duration repeat = setting(f, "repeat_interval", parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatInterval(), false);
        Route.Mode mode = parent == null ? Route.Mode.IMMEDIATE : parent.mode();
        if (f.containsKey("mode")) {
            Node mn = f.get("mode").getValueNode();
            String text = yaml.scalar(mn, "mode");
            Route.Mode read = text == null ? null : Route.Mode.fromLabel(text);
            if (text != null && read == null) {
                yaml.problem(mn, "unknown mode '" + text + "' (immediate or digest)");
            }
            mode = read == null ? mode : read;
        }
        if (mode == Route.Mode.DIGEST) {
            String name = receiver;
            Node at = f.containsKey("mode") ? f.get("mode").getValueNode() : node;
            deferredChecks.add(() -> {
                Receiver r = name == null ? null : receivers.get(name);
                if (r != null && r.digestInterval() == null) {
                    yaml.problem(at, "mode digest sends alerts to receiver '" + name + "' only through its digest, "
                            + "but it has no 'digest_interval': give it one");
                }
            });
        }
        boolean sendResolved = yaml.bool(f.containsKey("send_resolved") ? f.get("send_resolved").getValueNode() : null,
                "send_resolved", parent == null || parent.sendResolved());
        boolean cont = yaml.bool(f.containsKey("continue") ? f.get("continue").getValueNode() : null, "continue", false);
        String path = yaml.file() + ":" + (node.getStartMark().getLine() + 1);
        RouteLifecycle lifecycle = new LifecycleReader(yaml, this::checkReceiver).read(f,
                parent == null ? RouteLifecycle.NONE : parent.lifecycle(), mode, key -> yaml.problem(key,
                        "'" + YamlValues.text(key) + "' needs mode immediate: a digest route tells no one at once"));
        Route self = new Route(path, match, matchRe, levels, receiver, groupBy, groupWait, groupInterval, repeat, mode,
                sendResolved, cont, List.of(), lifecycle);
        List<Route> children = new ArrayList<>();
        if (f.containsKey("routes")) {
            Node rs = f.get("routes").getValueNode();
            if (rs instanceof SequenceNode seq) {
                for (Node child : seq.getValue()) {
                    Route r = readRoute(child, self, depth + 1);
                    if (r != null) {
                        children.add(r);
                    }
                }
            } else {
                yaml.problem(rs, "'routes' must be a list of routes");
            }
        }
        return new Route(path, match, matchRe, levels, receiver, groupBy, groupWait, groupInterval, repeat, mode,
                sendResolved, cont, List.copyOf(children), lifecycle);
    }

    /** Checks, once every receiver is read, that {@code name} (written at {@code node}) is one of them. */
    private void checkReceiver(Node node, String name) {
        deferredChecks.add(() -> {
            if (!receivers.containsKey(name)) {
                yaml.problem(node, "unknown receiver '" + name + "'" + YamlValues.suggestion(name, receivers.keySet())
                        + " (receivers: " + String.join(", ", receivers.keySet()) + ")");
            }
        });
    }

    /** {@code inhibit_rules:}, Alertmanager's shape: source and target each need at least one matcher. */
    private void readInhibitRules(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            yaml.problem(node, "'inhibit_rules' must be a list of {source_match, target_match, equal}");
            return;
        }
        for (Node item : seq.getValue()) {
            MappingNode map = yaml.mapping(item, "an inhibit rule must be a mapping with source_match(_re), target_match(_re) and equal");
            if (map == null) {
                continue;
            }
            int before = yaml.problems().size();
            Map<String, NodeTuple> f = yaml.fields(map, INHIBIT_KEYS, "an inhibit rule");
            List<LabelMatcher> source = matchers(f, "source_match");
            List<LabelMatcher> target = matchers(f, "target_match");
            if (source.isEmpty() && yaml.problems().size() == before) {
                yaml.problem(item, "an inhibit rule needs 'source_match' or 'source_match_re' (which alerts inhibit)");
            }
            if (target.isEmpty() && yaml.problems().size() == before) {
                yaml.problem(item, "an inhibit rule needs 'target_match' or 'target_match_re' (which alerts are inhibited)");
            }
            List<String> equal = List.of();
            if (f.containsKey("equal")) {
                Node en = f.get("equal").getValueNode();
                equal = List.copyOf(yaml.stringList(en, "equal"));
                equal.stream().filter(l -> !LABEL.matcher(l).matches()).forEach(l -> yaml.problem(en, "bad label name '" + l + "' in equal"));
            }
            if (yaml.problems().size() == before) {
                inhibitRules.add(new InhibitRule(yaml.file() + ":" + (item.getStartMark().getLine() + 1), source, target, equal));
            }
        }
    }

    private List<LabelMatcher> matchers(Map<String, NodeTuple> f, String key) {
        List<LabelMatcher> out = new ArrayList<>();
        if (f.containsKey(key)) {
            labelMap(f.get(key).getValueNode(), key).forEach((k, v) -> out.add(LabelMatcher.equal(k, v)));
        }
        if (f.containsKey(key + "_re")) {
            regexMap(f.get(key + "_re").getValueNode(), key + "_re").forEach((k, v) -> out.add(new LabelMatcher(k, LabelMatcher.Op.RE,
                    v.pattern(), v)));
        }
        return out;
    }

    private Duration setting(Map<String, NodeTuple> f, String key, Duration inherited, boolean zeroAllowed) {
        if (!f.containsKey(key)) {
            return inherited;
        }
        Node node = f.get(key).getValueNode();
        Duration d = yaml.duration(node, key);
        if (d == null) {
            return inherited;
        }
        if (!zeroAllowed && d.isZero()) {
            yaml.problem(node, "'" + key + "' must be more than 0");
            return inherited;
        }
        return d;
    }

    private Map<String, String> labelMap(Node node, String what) {
        Map<String, String> map = yaml.stringMap(node, what);
        map.keySet().stream().filter(k -> !LABEL.matcher(k).matches()).forEach(k -> yaml.problem(node, "bad label name '" + k + "' in " + what));
        return Map.copyOf(map);
    }

    private Map<String, com.google.re2j.Pattern> regexMap(Node node, String what) {
        Map<String, com.google.re2j.Pattern> out = new LinkedHashMap<>();
        MappingNode map = yaml.mapping(node, "'" + what + "' must be a mapping of label names to regular expressions");
        if (map == null) {
            return out;
        }
        for (NodeTuple t : map.getValue()) {
            String regex = yaml.scalar(t.getValueNode(), what + "." + yaml.keyOf(t));
            if (regex == null) {
                continue;
            }
            RegexCheck.Result checked = RegexCheck.compile(regex);
            if (checked.pattern() != null) {
                out.put(yaml.keyOf(t), checked.pattern());
            } else {
                SourcePosition at = SourcePosition.of(yaml.file(), t.getValueNode());
                yaml.problems().add(at.problemWithin(1, checked.index(), checked.problem()));
            }
        }
        return out;
    }

    private List<String> levels(Node node) {
        List<String> levels = yaml.stringList(node, "levels");
        for (String level : levels) {
            if (Level.fromLabel(level) == null) {
                yaml.problem(node, "unknown level '" + level + "' in 'levels' (warning, critical)");
            }
        }
        return List.copyOf(levels);
    }

    private List<String> groupBy(Node node) {
        List<String> labels = yaml.stringList(node, "group_by");
        if (labels.contains(Route.ALL_LABELS) && labels.size() > 1) {
            yaml.problem(node, "'...' in group_by already means every label: list nothing else with it");
        }
        labels.stream().filter(l -> !l.equals(Route.ALL_LABELS) && !LABEL.matcher(l).matches())
                .forEach(l -> yaml.problem(node, "bad label name '" + l + "' in group_by"));
        return List.copyOf(labels);
    }
}
