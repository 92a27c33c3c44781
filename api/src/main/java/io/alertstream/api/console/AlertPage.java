package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertView;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.Ack;
import io.alertstream.api.notifications.NotificationEndpoints;
import io.alertstream.api.notifications.SentNotification;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One alert ({@code GET /v1/alerts/{key}}): its state now, its transitions newest first with a chart of their window
 * values ({@link ValueChart}), its acknowledgements, the notifications sent for it and to whom
 * ({@code GET /v1/alerts/{key}/notifications}, which also says whether it flaps), a link to its events in Kibana when
 * configured ({@link EventsLink}), and the rule that made it as it runs now ({@code GET /v1/rules}); from here it can be
 * silenced or acknowledged ({@code POST /v1/alerts/{key}/ack}). The API's 403 and 404 are shown as the API words them.
 */
public final class AlertPage {
    /**
     * @param notifications      oldest first, as the API lists them
     * @param notificationsError why the notifications cannot be shown now (null when they can)
     * @param chart              null when no transition carries a value
     * @param eventsLink         null when not configured or the alert carries no window
     */
    public record Model(Page page, String key, AlertView current, List<Alert> transitions, List<Ack> acks, RulesPage.Rule rule,
                        String error, String notice, Instant now, List<SentNotification> notifications, String notificationsError,
                        boolean flapping, ValueChart chart, String eventsLink) {
        /** Whether it fires now (it can be acknowledged and silenced). */
        public boolean firing() {
            return current != null;
        }

        /** A page with only an error (the alert cannot be shown). */
        static Model failed(Page page, String key, String error, Instant now) {
            return new Model(page, key, null, List.of(), List.of(), null, error, null, now, List.of(), null, false, null, null);
        }
    }

    /** The API's answer for one alert. */
    public record Answer(String alertKey, AlertView current, List<Alert> transitions, List<Ack> acks) {
    }

    private final ApiCalls api;
    private final Views views;
    private final Clock clock;
    private final EventsLink events;

    AlertPage(ApiCalls api, Views views, Clock clock, EventsLink events) {
        this.api = api;
        this.views = views;
        this.clock = clock;
        this.events = events;
    }

    public static String url(String key) {
        return ConsoleRoutes.ALERT + "?key=" + Format.query(key);
    }

    void page(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            String key = ctx.queryParam("key") == null ? "" : ctx.queryParam("key");
            Page page = new Page("Alert " + key, "alerts", Me.user(api, token));
            String notice = "1".equals(ctx.queryParam("acked")) ? "Acknowledged: its pending escalations will not be sent." : null;
            ApiCalls.Answer a = api.get(token, "/v1/alerts/" + Format.segment(key));
            if (!a.ok()) {
                ctx.status(a.status() == 403 || a.status() == 404 ? a.status() : 502);
                views.answer(ctx, "alert.jte", Model.failed(page, key, a.problem(), clock.instant()));
                return;
            }
            Answer answer = api.read(a.body(), Answer.class);
            List<Alert> oldestFirst = answer.transitions() == null ? List.of() : answer.transitions();
            List<Alert> newestFirst = new ArrayList<>(oldestFirst);
            java.util.Collections.reverse(newestFirst);
            String ruleId = answer.current() != null ? answer.current().ruleId() : newestFirst.isEmpty() ? null : newestFirst.get(0).ruleId();
            ApiCalls.Answer n = api.get(token, "/v1/alerts/" + Format.segment(key) + "/notifications");
            NotificationEndpoints.Answer sent = n.ok() ? api.read(n.body(), NotificationEndpoints.Answer.class) : null;
            Alert windowed = newestFirst.stream().filter(t -> t.window() != null).findFirst().orElse(null);
            views.answer(ctx, "alert.jte", new Model(page, key, answer.current(), newestFirst, answer.acks() == null ? List.of() : answer.acks(),
                    RulesPage.find(api, token, ruleId), null, notice, clock.instant(), sent == null ? List.of() : sent.notifications(),
                    n.ok() ? null : n.problem(), sent != null && sent.flapping(), ValueChart.of(oldestFirst), events.to(windowed)));
        });
    }

    void ack(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            String key = ctx.formParam("key") == null ? "" : ctx.formParam("key");
            ApiCalls.Answer a = api.send(token, "POST", "/v1/alerts/" + Format.segment(key) + "/ack", Map.of());
            if (!a.ok()) {
                ctx.status(a.status() >= 500 ? 502 : a.status());
                views.answer(ctx, "alert.jte", Model.failed(new Page("Alert " + key, "alerts", Me.user(api, token)), key,
                        "Not acknowledged: " + a.problem(), clock.instant()));
                return;
            }
            ctx.redirect(url(key) + "&acked=1", HttpStatus.SEE_OTHER);
        });
    }
}
