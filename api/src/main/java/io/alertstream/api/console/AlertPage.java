package io.alertstream.api.console;

import io.alertstream.api.alerts.AlertView;
import io.alertstream.topology.model.Alert;
import io.alertstream.topology.notify.Ack;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One alert ({@code GET /v1/alerts/{key}}): its state now, its transitions newest first, its acknowledgements, and
 * the rule that made it as it runs now ({@code GET /v1/rules}); from here it can be silenced or acknowledged
 * ({@code POST /v1/alerts/{key}/ack}). The API's 403 and 404 are shown as the API words them.
 */
public final class AlertPage {
    public record Model(Page page, String key, AlertView current, List<Alert> transitions, List<Ack> acks, RulesPage.Rule rule,
                        String error, String notice, Instant now) {
        /** Whether it fires now (it can be acknowledged and silenced). */
        public boolean firing() {
            return current != null;
        }
    }

    /** The API's answer for one alert. */
    public record Answer(String alertKey, AlertView current, List<Alert> transitions, List<Ack> acks) {
    }

    private final ApiCalls api;
    private final Views views;
    private final Clock clock;

    AlertPage(ApiCalls api, Views views, Clock clock) {
        this.api = api;
        this.views = views;
        this.clock = clock;
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
                views.answer(ctx, "alert.jte", new Model(page, key, null, List.of(), List.of(), null, a.problem(), null, clock.instant()));
                return;
            }
            Answer answer = api.read(a.body(), Answer.class);
            List<Alert> newestFirst = new ArrayList<>(answer.transitions() == null ? List.of() : answer.transitions());
            java.util.Collections.reverse(newestFirst);
            String ruleId = answer.current() != null ? answer.current().ruleId() : newestFirst.isEmpty() ? null : newestFirst.get(0).ruleId();
            views.answer(ctx, "alert.jte", new Model(page, key, answer.current(), newestFirst, answer.acks() == null ? List.of() : answer.acks(),
                    RulesPage.find(api, token, ruleId), null, notice, clock.instant()));
        });
    }

    void ack(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            String key = ctx.formParam("key") == null ? "" : ctx.formParam("key");
            ApiCalls.Answer a = api.send(token, "POST", "/v1/alerts/" + Format.segment(key) + "/ack", Map.of());
            if (!a.ok()) {
                ctx.status(a.status() >= 500 ? 502 : a.status());
                views.answer(ctx, "alert.jte", new Model(new Page("Alert " + key, "alerts", Me.user(api, token)), key, null, List.of(),
                        List.of(), null, "Not acknowledged: " + a.problem(), null, clock.instant()));
                return;
            }
            ctx.redirect(url(key) + "&acked=1", HttpStatus.SEE_OTHER);
        });
    }
}
