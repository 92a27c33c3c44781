package io.alertstream.topology.notify;

import io.alertstream.topology.model.Alert;
import java.util.Map;

/**
 * One alert transition bound for one notification group ({@code receiver|groupKey}), with the settings
 * of the route that matched, as of when it was routed: the group keeps the latest.
 *
 * @param departed the alert no longer belongs to this route (its level moved it elsewhere): the group
 *                 treats it as resolved, so a route that told of it also tells that it is over
 * @param route    the path ({@code file:line}) of the routing file's route that sent it, for flapping and
 *                 escalation ({@link AlertLifecycleStage}); null for routes without them and for the routes of a
 *                 rule's owners and recipients. The stage drops it, so {@code notify-by-group} records stay as they were
 */
record GroupedAlert(String receiver, String groupKey, Map<String, String> groupLabels, GroupSettings settings,
                    Alert alert, boolean departed,
                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                    String route) implements RouterOutput {

    GroupedAlert(String receiver, String groupKey, Map<String, String> groupLabels, GroupSettings settings, Alert alert,
                 boolean departed) {
        this(receiver, groupKey, groupLabels, settings, alert, departed, null);
    }

    String groupId() {
        return NotificationGroupKey.groupId(receiver, groupKey);
    }
}
