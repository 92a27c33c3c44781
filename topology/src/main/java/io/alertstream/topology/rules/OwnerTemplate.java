package io.alertstream.topology.rules;

import io.alertstream.template.Template;
import io.alertstream.template.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule's {@code owners} entries, each a user id ({@code alice}) or a placeholder {@code {{group.<field>}}}
 * naming one of the rule's {@code group_by} fields. Input: the entries and an alert's group values. Output:
 * the alert's owners, the placeholders replaced by the group's values, so the alerts of one rule go to the
 * owner each group names (an uptime target's owner, a service's team) along the same routes and digests as
 * any owner. A placeholder whose value is null, missing or blank names no one; owners named twice count once.
 * Placeholders are in the one template syntax ({@link Template}).
 */
public final class OwnerTemplate {
    private static final String GROUP_PREFIX = "group.";

    private OwnerTemplate() {
    }

    /** The group_by field an entry stands for, or null when the entry is a plain user id. */
    public static String groupField(String entry) {
        if (entry.indexOf('{') < 0) {
            return null; // a user id: no parsing per alert
        }
        Template template;
        try {
            template = Template.parse(entry);
        } catch (TemplateSyntaxException e) {
            return null;
        }
        boolean whole = template.names().size() == 1 && template.literals().get(0).isEmpty()
                && template.literals().get(1).isEmpty();
        String name = whole ? template.names().get(0) : "";
        return name.startsWith(GROUP_PREFIX) && name.length() > GROUP_PREFIX.length()
                ? name.substring(GROUP_PREFIX.length()) : null;
    }

    /**
     * The problem with an entry, or null: a placeholder must be the whole entry and name a group_by field
     * (a value pasted into a user id, {@code team-{{group.x}}}, is refused: owners name users, not patterns).
     */
    static String problem(String entry, List<String> groupBy) {
        String field = groupField(entry);
        if (field == null) {
            return entry.contains("{{") || entry.contains("}}")
                    ? "owner '" + entry + "': a placeholder must be the whole entry, {{group.<a group_by field>}}"
                    : null;
        }
        return groupBy.contains(field) ? null
                : "owner '" + entry + "' names '" + field + "', which is not a group_by field " + groupBy;
    }

    /** The owners of one alert: plain ids as written, placeholders as the group's values, in order, once each. */
    public static List<String> resolve(List<String> entries, Map<String, Object> group) {
        if (entries.isEmpty()) {
            return entries;
        }
        Set<String> out = new LinkedHashSet<>();
        for (String entry : entries) {
            String field = groupField(entry);
            if (field == null) {
                out.add(entry);
                continue;
            }
            Object value = group.get(field);
            if (value != null && !String.valueOf(value).isBlank()) {
                out.add(String.valueOf(value));
            }
        }
        return new ArrayList<>(out);
    }
}
