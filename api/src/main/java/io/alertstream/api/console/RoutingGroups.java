package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertView;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.AlertRouting;
import io.alertstream.topology.notify.NotificationGroupKey;
import io.alertstream.topology.routing.Route;
import io.alertstream.topology.routing.RoutingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the firing alerts of the Alerts view as the routing file groups their notifications: each alert goes to the
 * routes the engine would send it to ({@link AlertRouting#fileRoutes}, the engine's own matching), and within a route's
 * receiver to the group its {@code group_by} makes ({@link NotificationGroupKey}, the engine's own key), so a group on
 * the page is one notification group of the engine. An alert that several routes take ({@code continue}) is in each of
 * their groups, as it is notified in each. Input: the routing in force (with a root) and the alerts as the API listed
 * them; output: groups with their receiver, ordered like {@link AlertGroups}.
 */
public final class RoutingGroups {
    private RoutingGroups() {
    }

    public static List<AlertGroups.Group> of(RoutingSpec routing, List<AlertView> alerts) {
        Map<String, List<AlertView>> byGroup = new LinkedHashMap<>();
        Map<String, String> receivers = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (AlertView v : alerts) {
            Alert a = AlertGroups.asAlert(v);
            Map<String, String> labels = AlertRouting.labels(a);
            for (Route route : AlertRouting.fileRoutes(routing, a)) {
                String name = NotificationGroupKey.of(route.groupBy(), labels, a).text();
                // The engine's group id is receiver and key: the same labels under two receivers are two groups.
                String id = route.receiver() + "\u0000" + name;
                byGroup.computeIfAbsent(id, k -> new ArrayList<>()).add(v);
                receivers.put(id, route.receiver());
                names.put(id, name);
            }
        }
        List<AlertGroups.Group> groups = new ArrayList<>();
        byGroup.forEach((id, members) -> groups.add(new AlertGroups.Group(names.get(id), receivers.get(id), AlertGroups.criticalFirst(members))));
        return AlertGroups.ordered(groups);
    }
}
