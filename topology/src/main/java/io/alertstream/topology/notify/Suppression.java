package io.alertstream.topology.notify;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.silence.FiringAlerts;
import io.alertstream.topology.silence.MatchLabels;
import io.alertstream.topology.silence.SilenceCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one notion of "suppressed" the grouper applies: what holds back a firing alert's notification now.
 * A <i>suppressor</i> is a silence ({@code silence:<id>}, active and matching the alert's {@link MatchLabels})
 * or an inhibition ({@code inhibit:<rule>:<equal values>}, an inhibit rule whose target the alert matches and
 * whose source fires elsewhere with the same {@code equal} values). Pure reads of the global views; no state.
 */
final class Suppression {
    static final String SILENCE = "silence:";
    private final SilenceCatalog silences;
    private final FiringAlerts firing;

    Suppression(SilenceCatalog silences, FiringAlerts firing) {
        this.silences = silences;
        this.firing = firing;
    }

    /** The suppressors holding back this alert at {@code now}; empty when it is to be notified. */
    List<String> of(Alert alert, long now) {
        Map<String, String> labels = MatchLabels.of(alert);
        List<String> out = new ArrayList<>();
        for (String id : silences.silencing(labels, now)) {
            out.add(SILENCE + id);
        }
        out.addAll(firing.inhibiting(alert.alertKey(), labels));
        return out;
    }

    /** Whether a suppressor (from {@link #of}) still holds at {@code now}. */
    boolean holds(String suppressor, long now) {
        if (suppressor.startsWith(SILENCE)) {
            return silences.active(suppressor.substring(SILENCE.length()), now);
        }
        return firing.inhibits(suppressor);
    }

    /** The silence ids among suppressors. */
    static List<String> silenceIds(List<String> suppressors) {
        return suppressors.stream().filter(s -> s.startsWith(SILENCE)).map(s -> s.substring(SILENCE.length())).toList();
    }
}
