package io.alertstream.topology.rules;

import io.alertstream.template.Template;
import io.alertstream.template.TemplateSyntaxException;
import java.util.Map;

/**
 * A rule's summary such as {@code "{{group.service}}: {{value}} errors (>{{threshold}}, {{level}})"}, in the
 * one placeholder syntax ({@link Template}; the README's "Templates" section). Parsed and bound once when
 * the rule is compiled (each placeholder to the alert value it names), so that rendering an alert is a loop,
 * not a regex or a name lookup.
 *
 * <p>Placeholders: {@code value}, {@code threshold} (numbers as people write them), {@code level} ({@code ok}
 * when none), {@code rule}, {@code group.<a group_by field>} (a field that is null renders as {@code null}).
 * Which names a rule may use is checked at load ({@link RuleSourceReader}), with the problem at the summary.
 */
public final class SummaryTemplate {
    private enum Kind { VALUE, THRESHOLD, LEVEL, RULE, GROUP }

    private record Slot(Kind kind, String field) {
    }

    private static final String GROUP_PREFIX = "group.";

    private final Template.Bound<Slot> bound;

    public SummaryTemplate(String template) {
        this.bound = parse(template).bind(SummaryTemplate::slot);
    }

    private static Template parse(String template) {
        try {
            return Template.parse(template);
        } catch (TemplateSyntaxException e) {
            // Only a rule published before summaries shared the templates' syntax can get here (loading a rule
            // file now reports the malformed placeholder): keep it alerting, its summary shown as written.
            return Template.literal(template);
        }
    }

    private static Slot slot(String name) {
        return switch (name) {
            case "value" -> new Slot(Kind.VALUE, null);
            case "threshold" -> new Slot(Kind.THRESHOLD, null);
            case "level" -> new Slot(Kind.LEVEL, null);
            case "rule" -> new Slot(Kind.RULE, null);
            // Load accepts no other name; anything else reads the group field after the prefix, as it always did.
            default -> new Slot(Kind.GROUP, name.startsWith(GROUP_PREFIX) ? name.substring(GROUP_PREFIX.length()) : name);
        };
    }

    /** Renders with the alert's values; a group field that is null renders as {@code null}. */
    public String render(String ruleId, String level, double value, double threshold, Map<String, Object> group) {
        return bound.render(slot -> switch (slot.kind()) {
            case VALUE -> Numbers.format(value);
            case THRESHOLD -> Numbers.format(threshold);
            case LEVEL -> level == null ? "ok" : level;
            case RULE -> ruleId;
            case GROUP -> String.valueOf(group.get(slot.field()));
        });
    }
}
