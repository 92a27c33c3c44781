package io.alertstream.topology.silence;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.AlertRouting;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels silences and inhibit rules match: the labels routes match ({@link AlertRouting#labels}) plus
 * {@code level}, the level the alert is routed at (for a RESOLVED alert the level it had), unless the alert
 * has a label of that name.
 */
public final class MatchLabels {
    public static final String LEVEL = "level";

    private MatchLabels() {
    }

    public static Map<String, String> of(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>(AlertRouting.labels(alert));
        String level = AlertRouting.level(alert);
        if (level != null) {
            labels.putIfAbsent(LEVEL, level);
        }
        return labels;
    }
}
