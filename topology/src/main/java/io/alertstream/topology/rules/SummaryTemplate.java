package io.alertstream.topology.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A summary such as {@code "{{group.service}}: {{value}} errors (>{{threshold}}, {{level}})"}, split
 * once at rule load into literal text and placeholders so that rendering an alert is a loop, not a regex.
 */
public final class SummaryTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private final List<String> literals = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public SummaryTemplate(String template) {
        String text = template == null ? "" : template;
        Matcher m = PLACEHOLDER.matcher(text);
        int pos = 0;
        while (m.find()) {
            literals.add(text.substring(pos, m.start()));
            names.add(m.group(1));
            pos = m.end();
        }
        literals.add(text.substring(pos));
    }

    /** Renders with the alert's values; a group field that is null renders as {@code null}. */
    public String render(String ruleId, String level, double value, double threshold, Map<String, Object> group) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            switch (name) {
                case "value" -> out.append(Numbers.format(value));
                case "threshold" -> out.append(Numbers.format(threshold));
                case "level" -> out.append(level == null ? "ok" : level);
                case "rule" -> out.append(ruleId);
                default -> out.append(group.get(name.substring("group.".length())));
            }
            out.append(literals.get(i + 1));
        }
        return out.toString();
    }
}
