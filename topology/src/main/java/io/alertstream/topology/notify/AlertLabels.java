package io.alertstream.topology.notify;

import io.alertstream.topology.model.Alert;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels routes match and group on, for one alert: its group values (by field path, e.g.
 * {@code service}), then the rule's labels (which win over a group value of the same name), then
 * {@code rule} = the rule id. Levels are matched by a route's {@code levels}, not as a label, so that
 * an alert changing level stays in its notification group.
 */
final class AlertLabels {
    static final String RULE = "rule";

    private AlertLabels() {
    }

    static Map<String, String> of(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (alert.group() != null) {
            alert.group().forEach((k, v) -> labels.put(k, text(v)));
        }
        if (alert.labels() != null) {
            labels.putAll(alert.labels());
        }
        labels.put(RULE, alert.ruleId());
        return labels;
    }

    /** Group values as users wrote them in events: whole numbers without a trailing ".0". */
    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }
}
