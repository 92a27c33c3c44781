package io.alertstream.topology.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.silence.MatchLabels;
import io.alertstream.topology.silence.Silence;
import io.alertstream.topology.silence.SilenceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the router sends beside an alert's routes, for silences and inhibition (the router calls it, so each
 * transition is read once and seen exactly once): a {@link FiringUpdate} of the global firing view (the alert's
 * {@link MatchLabels} while it fires, a tombstone once it resolves), and for a resolution that an active silence
 * matches, a {@code silenced-alert-resolved} notice ({@link SilenceNotices}) to each such silence's creator.
 */
final class SilenceTap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RoutingCatalog routing;
    private final SilenceCatalog silences;

    SilenceTap(RoutingCatalog routing, SilenceCatalog silences) {
        this.routing = routing;
        this.silences = silences;
    }

    List<RouterOutput> beside(Alert alert, long now) {
        Map<String, String> labels = MatchLabels.of(alert);
        List<RouterOutput> out = new ArrayList<>();
        if (Alert.FIRING.equals(alert.status())) {
            try {
                out.add(new FiringUpdate(alert.alertKey(), JSON.writeValueAsString(labels)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the labels of " + alert.alertKey(), e); // a map of strings always writes
            }
            return out;
        }
        out.add(new FiringUpdate(alert.alertKey(), null));
        for (String id : silences.silencing(labels, now)) {
            Silence s = silences.get(id);
            if (s != null) {
                for (Notification n : SilenceNotices.of(routing.current(), s, SilenceNotices.ALERT_RESOLVED, alert.id(), now, List.of(alert))) {
                    out.add(new NoticeOut(n));
                }
            }
        }
        return out;
    }
}
