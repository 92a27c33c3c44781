package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertEndpoints;
import io.alertstream.api.alerts.AlertView;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The Alerts view: what fires now that the user may see ({@code GET /v1/alerts} with the view's matchers), grouped
 * ({@link AlertGroups}), each with its level, age, value against threshold, owners and recipients, and a badge when
 * a silence holds it back. The page embeds its live part, which htmx asks for again every two seconds
 * ({@link ConsoleRoutes#ALERTS_LIVE}) with the ETag it last got: an unchanged list answers 304 and htmx leaves the
 * page as it is (no flicker, focus kept), a changed one is swapped in.
 */
public final class AlertsPage {
    public record Model(Page page, AlertQuery query, List<AlertGroups.Group> groups, int firing, int silenced, String error,
                        Instant now) {
        /** The live part's URL (same view). */
        public String liveUrl() {
            String qs = query.queryString();
            return ConsoleRoutes.ALERTS_LIVE + (qs.isEmpty() ? "" : "?" + qs);
        }
    }

    private final ApiCalls api;
    private final Views views;
    private final Clock clock;

    AlertsPage(ApiCalls api, Views views, Clock clock) {
        this.api = api;
        this.views = views;
        this.clock = clock;
    }

    void page(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            String user = Me.user(api, token);
            views.answer(ctx, "alerts.jte", model(token, AlertQuery.from(ctx), new Page("Alerts", "alerts", user)));
        });
    }

    void live(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            LiveAnswer.send(ctx, views.render("alertsLive.jte", model(token, AlertQuery.from(ctx), null)));
        });
    }

    private Model model(String token, AlertQuery query, Page page) {
        Instant now = clock.instant();
        ApiCalls.Answer a = api.get(token, query.apiPath());
        if (!a.ok()) {
            return new Model(page, query, List.of(), 0, 0, a.problem(), now);
        }
        List<AlertView> alerts = api.read(a.body(), AlertEndpoints.FiringAnswer.class).alerts();
        int silenced = (int) alerts.stream().filter(v -> v.silencedBy() != null && !v.silencedBy().isEmpty()).count();
        return new Model(page, query, AlertGroups.of(alerts, query.groupBy()), alerts.size(), silenced, null, now);
    }
}
