package io.alertstream.topology.notify;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RoutingSpec;
import java.util.List;
import java.util.Map;

/**
 * Where the routing file sends one alert: the pure part of the notification router, public so that
 * whoever needs to know who hears of an alert (the HTTP API's visibility) asks the same code the
 * engine notifies with, instead of a copy that drifts.
 *
 * <p>Input: a validated {@link RoutingSpec} and an alert transition. Output: the routing tree's routes
 * that handle it ({@link RoutingSpec#routesFor}), matched on {@link #labels} at {@link #level}. Routes a
 * rule's {@code owners}/{@code recipients} stand for ({@code RuleRoutes}) and the <i>departed</i> routes of
 * a level change are not included: they depend on the rule in force and on the router's bookkeeping.
 */
public final class AlertRouting {
    private AlertRouting() {
    }

    /** The labels routes match and group on: group values, the rule's labels, {@code rule} (see {@link AlertLabels}). */
    public static Map<String, String> labels(Alert alert) {
        return AlertLabels.of(alert);
    }

    /** The level an alert is routed at: its level, or for a RESOLVED alert the level it had (it has none now). */
    public static String level(Alert alert) {
        return Alert.RESOLVED.equals(alert.status()) ? alert.previousLevel() : alert.level();
    }

    /** The routing file's routes that handle the alert (the root when no child takes it; none without a routing). */
    public static List<Route> fileRoutes(RoutingSpec spec, Alert alert) {
        return fileRoutes(spec, labels(alert), level(alert));
    }

    /** As {@link #fileRoutes(RoutingSpec, Alert)} with labels already computed, at a chosen level (a level change's previous one). */
    public static List<Route> fileRoutes(RoutingSpec spec, Map<String, String> labels, String level) {
        return spec.routesFor(labels, level);
    }
}
