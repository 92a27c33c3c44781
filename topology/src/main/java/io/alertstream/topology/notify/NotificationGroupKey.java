package io.alertstream.topology.notify;

import io.alertstream.template.Escaper;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notification group of an alert under a route's {@code group_by}: the chosen labels and their
 * values, printed Alertmanager-style as {@code {service="checkout",team="payments"}} (labels in the
 * order given; a missing label is an empty value; values quoted by {@link Escaper#quoteLabelValue}, control
 * characters spelled out, so a value cannot forge the {@code \0} separators of the lifecycle store's keys).
 * {@code ["..."]} groups by every label, which puts each alert in a group of its own, keyed by its alert key.
 * Public so that whoever shows the groups (the web console) names them as the engine does, not with a copy that drifts.
 */
public final class NotificationGroupKey {
    private NotificationGroupKey() {
    }

    public record Key(String text, Map<String, String> labels) {
    }

    /** The id of a notification group: its key in the {@code notify-by-group} repartition and the group store. */
    static String groupId(String receiver, String groupKey) {
        return receiver + "|" + groupKey;
    }

    public static Key of(List<String> groupBy, Map<String, String> labels, Alert alert) {
        if (groupBy.size() == 1 && groupBy.get(0).equals(Route.ALL_LABELS)) {
            return new Key("{alertKey=" + quote(alert.alertKey()) + "}", Map.copyOf(labels));
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder("{");
        for (String name : groupBy) {
            String value = labels.getOrDefault(name, "");
            chosen.put(name, value);
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(name).append('=').append(quote(value));
        }
        return new Key(text.append('}').toString(), chosen);
    }

    private static String quote(String value) {
        return Escaper.quoteLabelValue(value);
    }
}
