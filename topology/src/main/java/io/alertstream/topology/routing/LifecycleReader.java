package io.alertstream.topology.routing;

import io.alertstream.topology.sourcefile.YamlValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a route's {@code flapping:} and {@code escalate:} (see {@link RouteLifecycle}) for the
 * {@link RoutingReader}, reporting every problem as {@code file:line:column}. What a route leaves out
 * it inherits from its parent.
 *
 * <pre>
 * flapping: {changes: 4, within: 10m, settle: 10m}   # or: off / false (a child turning it off), on / true / {} (the defaults)
 * escalate:                                          # or: [] (a child turning it off)
 *   - {after: 15m, receiver: team-lead}
 *   - {after: 1h, receiver: head-of-ops}
 * </pre>
 */
final class LifecycleReader {
    static final int DEFAULT_CHANGES = 4;
    static final Duration DEFAULT_WITHIN = Duration.ofMinutes(10);
    static final int MAX_CHANGES = 1000;
    static final int MAX_ESCALATIONS = 10;
    private static final Set<String> FLAPPING_KEYS = Set.of("changes", "within", "settle");
    private static final Set<String> ESCALATION_KEYS = Set.of("after", "receiver");

    private final YamlValues yaml;
    /** Called with (node, receiver name) for every receiver named, so the caller checks it once all receivers are read. */
    private final ReceiverCheck receiverCheck;

    interface ReceiverCheck {
        void check(Node node, String name);
    }

    LifecycleReader(YamlValues yaml, ReceiverCheck receiverCheck) {
        this.yaml = yaml;
        this.receiverCheck = receiverCheck;
    }

    /** The route's lifecycle: its own {@code flapping}/{@code escalate} where given, else the parent's. */
    RouteLifecycle read(Map<String, NodeTuple> fields, RouteLifecycle inherited, Route.Mode mode, Consumer<Node> digestProblem) {
        RouteLifecycle.Flapping flapping = inherited.flapping();
        List<RouteLifecycle.Escalation> escalate = inherited.escalate();
        if (fields.containsKey("flapping")) {
            Node node = fields.get("flapping").getValueNode();
            flapping = flapping(node);
            if (flapping != null && mode == Route.Mode.DIGEST) {
                digestProblem.accept(fields.get("flapping").getKeyNode());
            }
        }
        if (fields.containsKey("escalate")) {
            escalate = escalate(fields.get("escalate").getValueNode());
            if (!escalate.isEmpty() && mode == Route.Mode.DIGEST) {
                digestProblem.accept(fields.get("escalate").getKeyNode());
            }
        }
        RouteLifecycle out = new RouteLifecycle(flapping, escalate);
        return out.isNone() ? RouteLifecycle.NONE : out;
    }

    private RouteLifecycle.Flapping flapping(Node node) {
        if (node instanceof ScalarNode s && (s.getTag() == Tag.BOOL || "off".equals(s.getValue()) || "on".equals(s.getValue()))) {
            // YAML 1.1 (SnakeYAML) reads on/off and yes/no as booleans too.
            boolean on = Set.of("true", "on", "yes").contains(s.getValue().toLowerCase(java.util.Locale.ROOT));
            return on ? new RouteLifecycle.Flapping(DEFAULT_CHANGES, DEFAULT_WITHIN, DEFAULT_WITHIN) : null;
        }
        MappingNode map = yaml.mapping(node, "'flapping' must be a mapping {changes, within, settle}, or on / off");
        if (map == null) {
            return null;
        }
        Map<String, NodeTuple> f = yaml.fields(map, FLAPPING_KEYS, "'flapping'");
        int changes = DEFAULT_CHANGES;
        if (f.containsKey("changes")) {
            Node cn = f.get("changes").getValueNode();
            changes = wholeNumber(cn);
            if (changes < 1) {
                yaml.problem(cn, "'flapping.changes' must be a whole number from 1 to " + MAX_CHANGES + ", got '" + YamlValues.text(cn) + "'");
                changes = DEFAULT_CHANGES;
            }
        }
        Duration within = positive(f, "within", DEFAULT_WITHIN);
        Duration settle = positive(f, "settle", within);
        return new RouteLifecycle.Flapping(changes, within, settle);
    }

    private int wholeNumber(Node node) {
        if (node instanceof ScalarNode s && s.getTag() == Tag.INT) {
            try {
                int n = Integer.parseInt(s.getValue());
                return n <= MAX_CHANGES ? n : -1;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return -1;
    }

    private Duration positive(Map<String, NodeTuple> f, String key, Duration dflt) {
        if (!f.containsKey(key)) {
            return dflt;
        }
        Node node = f.get(key).getValueNode();
        Duration d = yaml.duration(node, "flapping." + key);
        if (d == null) {
            return dflt;
        }
        if (d.isZero()) {
            yaml.problem(node, "'flapping." + key + "' must be more than 0");
            return dflt;
        }
        return d;
    }

    private List<RouteLifecycle.Escalation> escalate(Node node) {
        if (!(node instanceof SequenceNode seq)) {
            yaml.problem(node, "'escalate' must be a list of {after, receiver}, e.g. [{after: 15m, receiver: team-lead}]");
            return List.of();
        }
        if (seq.getValue().size() > MAX_ESCALATIONS) {
            yaml.problem(node, "'escalate' lists " + seq.getValue().size() + " steps; at most " + MAX_ESCALATIONS);
        }
        List<RouteLifecycle.Escalation> out = new ArrayList<>();
        Duration last = null;
        for (Node step : seq.getValue()) {
            MappingNode map = yaml.mapping(step, "an 'escalate' step must be a mapping {after, receiver}");
            if (map == null) {
                continue;
            }
            Map<String, NodeTuple> f = yaml.fields(map, ESCALATION_KEYS, "an 'escalate' step");
            if (!f.containsKey("after") || !f.containsKey("receiver")) {
                yaml.problem(step, "an 'escalate' step needs 'after' (how long the alert fires unacknowledged) and 'receiver'");
                continue;
            }
            Node an = f.get("after").getValueNode();
            Duration after = yaml.duration(an, "escalate.after");
            Node rn = f.get("receiver").getValueNode();
            String receiver = yaml.scalar(rn, "escalate.receiver");
            if (after == null || receiver == null) {
                continue;
            }
            if (after.isZero()) {
                yaml.problem(an, "'escalate.after' must be more than 0");
                continue;
            }
            if (last != null && after.compareTo(last) <= 0) {
                yaml.problem(an, "'escalate' steps must come in order of 'after': " + YamlValues.text(an) + " is not after the step before");
                continue;
            }
            receiverCheck.check(rn, receiver);
            last = after;
            out.add(new RouteLifecycle.Escalation(after, receiver));
        }
        return out.size() > MAX_ESCALATIONS ? List.copyOf(out.subList(0, MAX_ESCALATIONS)) : List.copyOf(out);
    }
}
