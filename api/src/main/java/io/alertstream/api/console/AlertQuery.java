package io.alertstream.api.console;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Alerts view shows, all of it in the URL so a view can be shared: label matchers ({@code match},
 * repeatable, the API's syntax {@code name=value}, {@code !=}, {@code =~}, {@code !~}) and the label the alerts
 * are grouped by ({@code group}; empty, the default: the routing file's own groups, or {@value #DEFAULT_GROUP} when no
 * routing is loaded). The matchers go to {@code GET /v1/alerts} as they are: the API parses and applies them.
 */
public record AlertQuery(List<String> matchers, String groupBy) {
    /** The label alerts are grouped by when the user chose none and no routing file is loaded. */
    public static final String DEFAULT_GROUP = "rule";
    /** No label chosen: group as the routing file does. */
    public static final String ROUTING_GROUPS = "";

    public static AlertQuery from(Context ctx) {
        List<String> matchers = ctx.queryParams("match").stream().map(String::trim).filter(m -> !m.isEmpty()).distinct().toList();
        String group = ctx.queryParam("group");
        return new AlertQuery(matchers, group == null || group.isBlank() ? ROUTING_GROUPS : group.trim());
    }

    /** Whether the view groups as the routing file does (no label chosen). */
    public boolean byRouting() {
        return groupBy.isEmpty();
    }

    /** The query string of this view, without the leading {@code ?} (empty for the default view). */
    public String queryString() {
        List<String> parts = new ArrayList<>();
        matchers.forEach(m -> parts.add("match=" + Format.query(m)));
        if (!byRouting()) {
            parts.add("group=" + Format.query(groupBy));
        }
        return String.join("&", parts);
    }

    /** The API's path for this view's alerts. */
    public String apiPath() {
        StringBuilder p = new StringBuilder("/v1/alerts");
        for (int i = 0; i < matchers.size(); i++) {
            p.append(i == 0 ? '?' : '&').append("match=").append(Format.query(matchers.get(i)));
        }
        return p.toString();
    }

    /** The Alerts view's URL with one more matcher. */
    public String with(String matcher) {
        List<String> more = new ArrayList<>(matchers);
        if (!more.contains(matcher)) {
            more.add(matcher);
        }
        return url(new AlertQuery(more, groupBy));
    }

    /** The Alerts view's URL without {@code matcher}. */
    public String without(String matcher) {
        List<String> fewer = new ArrayList<>(matchers);
        fewer.remove(matcher);
        return url(new AlertQuery(fewer, groupBy));
    }

    public static String url(AlertQuery q) {
        String qs = q.queryString();
        return ConsoleRoutes.ALERTS + (qs.isEmpty() ? "" : "?" + qs);
    }
}
