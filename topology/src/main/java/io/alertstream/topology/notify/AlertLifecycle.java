package io.alertstream.topology.notify;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.alertstream.topology.model.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The flapping and escalation state of one alert on one route's target ({@code receiver|groupKey}), in the
 * {@code notify-lifecycle} store, keyed {@code receiver|groupKey NUL alertKey}. Mutable: the stage loads it,
 * changes it and puts it back within one record or punctuation. Times are wall-clock milliseconds.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class AlertLifecycle {
    /** The route's path ({@code file:line}): its flapping and escalation settings are looked up in the routing in force. */
    String route;
    String receiver;
    String groupKey;
    Map<String, String> groupLabels;
    GroupSettings settings;
    /** The latest transition seen (while flapping: the one held). */
    Alert alert;
    boolean departed;
    /** {@code FIRING:<level>} or {@code RESOLVED} of {@link #alert}. */
    String state;

    /** When the alert's state changed, the recent ones (within the route's {@code flapping.within}). */
    List<Long> changes = new ArrayList<>();
    boolean flapping;
    /** While flapping: when it settles unless it changes again. */
    long settleAt;

    /** The {@code startsAt} of the firing episode; null while not firing. */
    String episode;
    /** When the episode was first seen firing on this route. */
    long firedAt;
    /** The index of the next escalation step. */
    int nextStep;
    /** When the next escalation is due; 0 = none pending (all done, acknowledged, or not firing). */
    long escalateAt;
    /** Escalation receivers told of this alert: they hear of every change until it is resolved. */
    List<String> escalatedTo = new ArrayList<>();
    /** The entry of the due index, 0 = none. */
    long dueAt;

    boolean firing() {
        return state != null && state.startsWith(Alert.FIRING);
    }

    /** Nothing left to remember: not flapping, not firing, no escalation receiver to tell, no recent change. */
    boolean idle() {
        return !flapping && episode == null && escalatedTo.isEmpty() && changes.isEmpty();
    }

    static String key(String groupId, String alertKey) {
        return groupId + '\u0000' + alertKey;
    }
}
