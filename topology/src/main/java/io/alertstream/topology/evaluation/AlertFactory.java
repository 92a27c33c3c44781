package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.Alert;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.AlertKey;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.Level;
import io.alertstream.topology.rules.OwnerTemplate;
import io.alertstream.topology.rules.RuleSpec;
import io.alertstream.topology.rules.Trigger;
import io.alertstream.topology.sourcefile.Durations;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the records the evaluator emits. Alert ids are name-based UUIDs of the transition (alert key,
 * status, levels, window), so a replay of the same input yields the same ids and a
 * consumer can deduplicate on them. Owners written {@code {{group.<field>}}} become the group's value
 * ({@link OwnerTemplate}), so each alert of a rule can go to another owner.
 */
final class AlertFactory {

    private AlertFactory() {
    }

    /**
     * @param windowThreshold the threshold the window's events carry (NaN: none, or the rule has fixed
     *                        thresholds only); it is the alert's {@code threshold} for a level read from a field
     */
    static Alert transition(CompiledRule rule, String alertKey, Level previous, Level next, double value, double windowThreshold,
                            long windowStart, long at, long firingSince) {
        RuleSpec spec = rule.spec();
        boolean resolved = next == null;
        String status = resolved ? Alert.RESOLVED : Alert.FIRING;
        Trigger declared = resolved ? spec.trigger(previous) : spec.trigger(next);
        Trigger trigger = declared == null ? null : declared.at(windowThreshold);
        double threshold = trigger == null ? Double.NaN : (resolved ? trigger.clear() : trigger.threshold());
        Map<String, Object> group = AlertKey.decode(AlertKey.groupKeyOf(alertKey));
        // Not the event time of the decision: which event crossed first depends on arrival order.
        String id = UUID.nameUUIDFromBytes((alertKey + "|" + status + "|" + label(previous) + "|" + label(next) + "|"
                + windowStart).getBytes(StandardCharsets.UTF_8)).toString();
        // A resolution's {{level}} reads "was critical": "[RESOLVED] checkout: 1 errors (critical, threshold 20)"
        // read as if the alert were still critical.
        String levelText = resolved ? (previous == null ? null : "was " + previous.label()) : label(next);
        String summary = rule.summary().render(spec.id(), levelText, value, threshold, group);
        if (resolved && spec.summary() != null) {
            summary = "[RESOLVED] " + summary;
        }
        return new Alert(id, alertKey, spec.id(), status, label(next), label(previous), group, finite(value),
                finite(threshold), new Alert.AlertWindow(iso(windowStart), iso(windowStart + spec.window().sizeMs())),
                iso(firingSince), iso(at), summary, spec.labels(), OwnerTemplate.resolve(spec.owners(), group),
                spec.recipientsFor(resolved ? previous : next));
    }

    /**
     * A transition of an absence rule's alert. Its window is the silence that fired it, from the group's last
     * event before it to that time plus {@code for}, the same for the FIRING and the RESOLVED, so both ids are
     * functions of the events. It has no value and no threshold.
     */
    static Alert absence(CompiledRule rule, String alertKey, Level previous, Level next, long silentFrom, long at,
                         long firingSince) {
        RuleSpec spec = rule.spec();
        boolean resolved = next == null;
        String status = resolved ? Alert.RESOLVED : Alert.FIRING;
        Map<String, Object> group = AlertKey.decode(AlertKey.groupKeyOf(alertKey));
        String id = UUID.nameUUIDFromBytes((alertKey + "|" + status + "|" + label(previous) + "|" + label(next) + "|"
                + silentFrom + "|absent").getBytes(StandardCharsets.UTF_8)).toString();
        String levelText = resolved ? (previous == null ? null : "was " + previous.label()) : label(next);
        String summary = spec.summary() == null
                ? spec.id() + ": no matching event from " + AlertKey.groupKeyOf(alertKey) + " for " + Durations.format(spec.absence().silence())
                        + " (since " + iso(silentFrom) + ")"
                : rule.summary().render(spec.id(), levelText, Double.NaN, Double.NaN, group);
        if (resolved) {
            summary = "[RESOLVED] " + summary;
        }
        return new Alert(id, alertKey, spec.id(), status, label(next), label(previous), group, null, null,
                new Alert.AlertWindow(iso(silentFrom), iso(silentFrom + spec.absence().silenceMs())),
                iso(firingSince), iso(at), summary, spec.labels(), OwnerTemplate.resolve(spec.owners(), group),
                spec.recipientsFor(resolved ? previous : next));
    }

    static Counter counter(CompiledRule rule, String alertKey, WindowAggregate window) {
        String groupKey = AlertKey.groupKeyOf(alertKey);
        return new Counter(rule.id(), groupKey, AlertKey.decode(groupKey), iso(window.start()),
                iso(window.start() + rule.spec().window().sizeMs()), finite(window.value(rule.spec().aggregation())),
                window.count());
    }

    static String iso(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }

    private static String label(Level level) {
        return level == null ? null : level.label();
    }

    private static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
