package io.alertstream.api.alerts;

import io.alertstream.api.auth.Principal;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.AlertRouting;
import io.javalin.http.Context;
import java.util.List;

/**
 * The filters of {@code GET /v1/alerts}: {@code rule} (rule id), {@code level}, {@code owner} (a user id
 * in {@code owners}), repeatable {@code match} label matchers ({@link LabelMatcher}) on the labels routes match
 * ({@link AlertRouting#labels}: group values, the rule's labels, {@code rule}), always combined
 * with what the caller may see ({@link Visibility}).
 */
public record AlertFilter(String rule, String level, String owner, List<LabelMatcher> matchers) {

    public static AlertFilter from(Context ctx) {
        return new AlertFilter(ctx.queryParam("rule"), ctx.queryParam("level"), ctx.queryParam("owner"),
                ctx.queryParams("match").stream().map(LabelMatcher::parse).toList());
    }

    /** Whether the alert passes the filters and {@code caller} may see it. */
    public boolean accepts(Alert a, Principal caller, Visibility visibility) {
        if (!visibility.canSee(caller, a)) {
            return false;
        }
        if (rule != null && !rule.equals(a.ruleId())) {
            return false;
        }
        if (level != null && !level.equalsIgnoreCase(a.level())) {
            return false;
        }
        if (owner != null && (a.owners() == null || !a.owners().contains(owner))) {
            return false;
        }
        // The labels routes match on (group values, the rule's labels, rule = its id), so a matcher that selects
        // an alert in the routing file selects it here too.
        java.util.Map<String, String> labels = AlertRouting.labels(a);
        return matchers.stream().allMatch(m -> m.matches(labels));
    }
}
