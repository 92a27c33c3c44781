package io.alertstream.topology.notify;

import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RoutingSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds a route of the routing in force by its path ({@code file:line}) and receiver, among the routes
 * with flapping or escalation. Indexed once per routing (the catalog hands out a new spec on every change).
 * Two such routes written on one line to the same receiver (flow style) cannot be told apart: the first wins.
 */
final class LifecycleRoutes {
    private RoutingSpec indexed;
    private Map<String, List<Route>> byPath = Map.of();

    Route find(RoutingSpec spec, String path, String receiver) {
        if (spec != indexed) {
            Map<String, List<Route>> index = new HashMap<>();
            if (spec.root() != null) {
                add(spec.root(), index);
            }
            byPath = index;
            indexed = spec;
        }
        for (Route r : byPath.getOrDefault(path, List.of())) {
            if (r.receiver() != null && r.receiver().equals(receiver)) {
                return r;
            }
        }
        return null;
    }

    private static void add(Route route, Map<String, List<Route>> index) {
        if (!route.lifecycle().isNone()) {
            index.computeIfAbsent(route.path(), p -> new ArrayList<>()).add(route);
        }
        route.routes().forEach(child -> add(child, index));
    }
}
