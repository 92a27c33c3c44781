package io.alertstream.api.console;

import io.alertstream.api.http.Endpoints;
import io.alertstream.api.http.RateLimits;
import io.alertstream.topology.routing.RoutingCatalog;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import java.time.Clock;

/**
 * The web console's routes ({@link ConsoleRoutes}): server-rendered pages (jte templates, {@link Views}) made live by
 * htmx, each a client of the JSON API through {@link ApiCalls} with the signed-in user's token. {@code GET /}
 * leads to the Alerts view. A token the API refuses mid-session ends the session and leads to the login page.
 */
public final class ConsoleEndpoints implements Endpoints {
    private final Assets assets = new Assets();
    private final LoginPage login;
    private final AlertsPage alerts;
    private final AlertPage alert;
    private final SilencesPage silences;
    private final RulesPage rules;
    private final TargetsPage targets;
    private final TargetEditPage targetEdit;

    /**
     * @param limits  the API's rate limits (the console limits logins per browser address with them)
     * @param routing the routing in force, kept current by the API topology: the Alerts view groups as it does
     * @param events  links from an alert to its events in Kibana ({@link EventsLink#NONE}: none)
     */
    public ConsoleEndpoints(ApiCalls api, Clock clock, RateLimits limits, RoutingCatalog routing, EventsLink events) {
        Views views = new Views();
        this.login = new LoginPage(api, views, clock, limits);
        this.alerts = new AlertsPage(api, views, clock, routing);
        this.alert = new AlertPage(api, views, clock, events);
        this.silences = new SilencesPage(api, views, clock);
        this.rules = new RulesPage(api, views);
        this.targets = new TargetsPage(api, views);
        this.targetEdit = new TargetEditPage(api, views);
    }

    @Override
    public void addTo(JavalinConfig c) {
        c.routes.get("/", ctx -> ctx.redirect(ConsoleRoutes.ALERTS, HttpStatus.FOUND));
        c.routes.get(ConsoleRoutes.PREFIX, ctx -> ctx.redirect(ConsoleRoutes.ALERTS, HttpStatus.FOUND));
        c.routes.get(ConsoleRoutes.ASSETS + "/{file}", assets::serve);
        c.routes.get(ConsoleRoutes.LOGIN, login::form);
        c.routes.post(ConsoleRoutes.LOGIN, login::login);
        c.routes.post(ConsoleRoutes.LOGOUT, login::logout);
        c.routes.get(ConsoleRoutes.ALERTS, alerts::page);
        c.routes.get(ConsoleRoutes.ALERTS_LIVE, alerts::live);
        c.routes.get(ConsoleRoutes.ALERT, alert::page);
        c.routes.post(ConsoleRoutes.ACK, alert::ack);
        c.routes.get(ConsoleRoutes.SILENCES, silences::list);
        c.routes.post(ConsoleRoutes.SILENCES, silences::create);
        c.routes.get(ConsoleRoutes.SILENCE_NEW, silences::form);
        c.routes.post(ConsoleRoutes.SILENCE_EXPIRE, silences::expire);
        c.routes.get(ConsoleRoutes.RULES, rules::page);
        c.routes.get(ConsoleRoutes.TARGETS, targets::page);
        c.routes.get(ConsoleRoutes.TARGETS_LIVE, targets::live);
        c.routes.post(ConsoleRoutes.TARGETS, targets::create);
        c.routes.post(ConsoleRoutes.TARGET_REMOVE, targets::remove);
        c.routes.get(ConsoleRoutes.TARGET_EDIT, targetEdit::form);
        c.routes.post(ConsoleRoutes.TARGET_EDIT, targetEdit::save);
        c.routes.exception(ApiCalls.SessionExpired.class, (e, ctx) -> {
            Session.end(ctx);
            Guard.toLogin(ctx);
        });
    }
}
