package io.alertstream.api.console;

import io.alertstream.template.Escaper;
import io.alertstream.topology.model.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The link from an alert to its events in Kibana's Discover ({@code alertstream.api.console.events.url}): the time range
 * of the window the alert's value comes from, and a KQL query on the alert's group ({@code service:"checkout"}), so the
 * page opens on exactly the events that made the value. No link when the setting is empty or the alert carries no
 * window. Pure. Discover keeps its state in the URL fragment as rison ({@code _g=(time:(from:'…',to:'…'))},
 * {@code _a=(query:(language:kuery,query:'…'))}); every user value is rison-quoted, then URL-encoded, so neither a
 * quote in a label nor an {@code &} can change the query or leave it.
 *
 * @param discoverUrl e.g. {@code https://kibana.example.com/app/discover#/}; empty: no links
 * @param dataView    the Kibana data view id of the events (Discover's {@code index}); empty: Discover's default one
 */
public record EventsLink(String discoverUrl, String dataView) {
    public static final EventsLink NONE = new EventsLink("", "");

    public boolean configured() {
        return discoverUrl != null && !discoverUrl.isBlank();
    }

    /** The link to the events of this transition's window and group, or null (not configured, or no window). */
    public String to(Alert alert) {
        if (!configured() || alert == null || alert.window() == null || alert.window().start() == null || alert.window().end() == null) {
            return null;
        }
        String g = "(time:(from:" + rison(alert.window().start()) + ",to:" + rison(alert.window().end()) + "))";
        String a = "(" + (dataView == null || dataView.isBlank() ? "" : "index:" + rison(dataView) + ",")
                + "query:(language:kuery,query:" + rison(kql(alert.group())) + "))";
        String base = discoverUrl.trim();
        // Discover's state is in the fragment: after its own '?' if the base has one, else start one (and the fragment).
        String sep = base.contains("?") ? "&" : base.contains("#") ? "?" : "#/?";
        return base + sep + "_g=" + encode(g) + "&_a=" + encode(a);
    }

    /** {@code field:"value" and …} over the group's fields in name order; empty for an alert without group values. */
    static String kql(Map<String, Object> group) {
        if (group == null || group.isEmpty()) {
            return "";
        }
        List<String> terms = new ArrayList<>();
        new TreeMap<>(group).forEach((field, value) -> terms.add(kqlField(field) + ":\"" + String.valueOf(value).replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\""));
        return String.join(" and ", terms);
    }

    /** A field name with KQL's special characters escaped, so a name cannot become an operator or a wildcard. */
    static String kqlField(String field) {
        StringBuilder out = new StringBuilder();
        for (char c : field.toCharArray()) {
            if ("\\():<>\"*{} \t".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A rison string: quoted, with {@code !} and {@code '} escaped by {@code !}. */
    static String rison(String value) {
        return "'" + value.replace("!", "!!").replace("'", "!'") + "'";
    }

    private static String encode(String value) {
        return Escaper.URL_COMPONENT.escape(value);
    }
}
