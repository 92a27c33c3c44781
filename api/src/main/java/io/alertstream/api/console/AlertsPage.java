package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertEndpoints;
import io.alertstream.api.alerts.AlertView;
import io.alertstream.topology.routing.RoutingCatalog;
import io.alertstream.topology.routing.RoutingSpec;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import io.alertstream.api.notifications.NotificationEndpoints;

/**
 * The Alerts view: what fires now that the user may see ({@code GET /v1/alerts} with the view's matchers), grouped
 * (as the routing file groups their notifications, {@link RoutingGroups}, or by a label, {@link AlertGroups}), with each
 * group's receiver, each with its level, age, value against threshold, owners and recipients, and a badge when
 * a silence holds it back, and a flapping badge when the engine last told its receivers it flaps. The page embeds its live part, which htmx asks for again every two seconds
 * ({@link ConsoleRoutes#ALERTS_LIVE}) with the ETag it last got: an unchanged list answers 304 and htmx leaves the
 * page as it is (no flicker, focus kept), a changed one is swapped in.
 */
public final class AlertsPage {
    /** @param flapping the keys of the alerts the engine last told receivers are flapping ({@code GET /v1/alerts/flapping}) */
    public record Model(Page page, AlertQuery query, List<AlertGroups.Group> groups, int firing, int silenced, String error,
                        Instant now, Set<String> flapping) {
        /** The live part's URL (same view). */
        public String liveUrl() {
            String qs = query.queryString();
            return ConsoleRoutes.ALERTS_LIVE + (qs.isEmpty() ? "" : "?" + qs);
        }
    }

    private final ApiCalls api;
    private final Views views;
    private final Clock clock;
    private final RoutingCatalog routing;

    /** @param routing the routing in force (the API topology keeps it current): the default grouping */
    AlertsPage(ApiCalls api, Views views, Clock clock, RoutingCatalog routing) {
        this.api = api;
        this.views = views;
        this.clock = clock;
        this.routing = routing;
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
            return new Model(page, query, List.of(), 0, 0, a.problem(), now, Set.of());
        }
        List<AlertView> alerts = api.read(a.body(), AlertEndpoints.FiringAnswer.class).alerts();
        int silenced = (int) alerts.stream().filter(v -> v.silencedBy() != null && !v.silencedBy().isEmpty()).count();
        return new Model(page, query, groups(query, alerts), alerts.size(), silenced, null, now, flapping(token));
    }

    /** The flapping alerts' keys; none when the API cannot say now (the badge is extra, the list is what matters). */
    private Set<String> flapping(String token) {
        ApiCalls.Answer a = api.get(token, "/v1/alerts/flapping");
        if (!a.ok()) {
            return Set.of();
        }
        return Set.copyOf(api.read(a.body(), NotificationEndpoints.FlappingAnswer.class).alertKeys());
    }

    /** The routing file's groups unless the user chose a label; a label ({@code rule}) when no routing is loaded. */
    private List<AlertGroups.Group> groups(AlertQuery query, List<AlertView> alerts) {
        RoutingSpec spec = routing.current();
        if (query.byRouting() && spec.root() != null) {
            return RoutingGroups.of(spec, alerts);
        }
        return AlertGroups.of(alerts, query.byRouting() ? AlertQuery.DEFAULT_GROUP : query.groupBy());
    }
}
