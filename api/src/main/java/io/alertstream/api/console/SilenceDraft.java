package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The matchers a silence made from an alert starts with: one {@code name=value} per label the alert is matched on
 * ({@link AlertGroups#labels}), so the silence holds back exactly this alert (and any other with the same labels) at
 * every level; the user may delete lines to widen it. A value that the matcher syntax would misread (one starting with
 * {@code ~}, read as {@code =~}) or that would break the one-per-line form (a line break) becomes an RE2 regular
 * expression matching exactly that value.
 */
public final class SilenceDraft {
    private SilenceDraft() {
    }

    public static List<String> matchers(AlertView alert) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(AlertGroups.labels(alert)).entrySet()) {
            out.add(matcher(e.getKey(), e.getValue() == null ? "" : e.getValue()));
        }
        return out;
    }

    /** {@code name=value}, or {@code name=~<value quoted>} when the plain form would be misread. */
    public static String matcher(String name, String value) {
        boolean plain = !value.startsWith("~") && value.indexOf('\n') < 0 && value.indexOf('\r') < 0;
        return plain ? name + "=" + value : name + "=~" + literal(value);
    }

    /** An RE2 expression matching exactly {@code value}, on one line. */
    static String literal(String value) {
        StringBuilder re = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\n' -> re.append("\\n");
                case '\r' -> re.append("\\r");
                default -> {
                    if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                        re.append('\\');
                    }
                    re.append(c);
                }
            }
        }
        return re.toString();
    }
}
