package io.alertstream.topology.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated routing file: receivers by name and the routing tree. Matching follows Alertmanager: an
 * alert enters at the root, goes down into the first child that accepts it (and on into later siblings
 * while the matching child says {@code continue}), and is handled by the deepest routes that accepted it;
 * when no child accepts, the node itself handles it. {@code inhibitRules} ({@link InhibitRule}) keep targets of
 * firing sources from being notified.
 */
public record RoutingSpec(Map<String, Receiver> receivers, Route root, List<InhibitRule> inhibitRules) {

    /** No routing file: no notifications, no scheduled digests. */
    public static final RoutingSpec NONE = new RoutingSpec(Map.of(), null);

    public RoutingSpec {
        receivers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(receivers));
        inhibitRules = inhibitRules == null ? List.of() : List.copyOf(inhibitRules);
    }

    /** Without inhibit rules. */
    public RoutingSpec(Map<String, Receiver> receivers, Route root) {
        this(receivers, root, List.of());
    }

    /** The routes that handle an alert with these labels at this level (null level = no level filter passes only routes without levels). */
    public List<Route> routesFor(Map<String, String> labels, String level) {
        if (root == null) {
            return List.of();
        }
        List<Route> out = new ArrayList<>();
        descend(root, labels, level, out);
        return out;
    }

    private static void descend(Route node, Map<String, String> labels, String level, List<Route> out) {
        int before = out.size();
        for (Route child : node.routes()) {
            if (child.accepts(labels, level)) {
                descend(child, labels, level, out);
                if (!child.continueMatching()) {
                    break;
                }
            }
        }
        if (out.size() == before) {
            out.add(node);
        }
    }

    /** The receiver of that name: from the file, or one a rule's recipients stand for ({@link RuleRoutes#receiver}). */
    public Receiver receiver(String name) {
        Receiver r = receivers.get(name);
        return r != null ? r : RuleRoutes.receiver(name);
    }

    /** Receivers with a digest schedule, with their interval. */
    public Map<String, Duration> digestSchedules() {
        Map<String, Duration> out = new LinkedHashMap<>();
        receivers.values().forEach(r -> {
            if (r.digestInterval() != null) {
                out.put(r.name(), r.digestInterval());
            }
        });
        return out;
    }
}
