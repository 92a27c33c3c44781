package io.alertstream.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.alertstream.api.alerts.AlertEndpoints;
import io.alertstream.api.alerts.AlertView;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Targets view: the uptime targets the user may see ({@code GET /v1/targets}), each with an uptime bar of the
 * last 24 hours, one segment per hour, and its availability and latency ({@code GET /v1/targets/{id}/stats}); live like
 * the Alerts view (polled with ETags). A form adds a target ({@code POST /v1/targets}); the API validates it and its
 * 400 names every bad field. {@code Edit} leads to its form ({@link TargetEditPage}); {@code Remove} deletes one
 * ({@code DELETE /v1/targets/{id}}: its checks stop). Each target lists the alerts firing about it now (those of the
 * user's firing alerts, {@code GET /v1/alerts}, whose group names the target, as the uptime rules group by it), each
 * linking to its page with its transitions.
 */
public final class TargetsPage {
    static final List<String> INTERVALS = List.of("30s", "5s", "10s", "1m", "5m");

    /** A target as the API shows it (what the view needs). */
    public record Target(String id, String url, String method, @JsonProperty("interval_ms") long intervalMs, Integer threshold,
                         List<String> owners) {
    }

    public record TargetList(List<Target> targets) {
    }

    /** One hour of the bar and the sparkline: {@code latencyMs} its p50, null without an answered check. */
    public record Hour(String start, long successes, long failures, @JsonProperty("latency_ms") Double latencyMs) {
        /** {@code none} (no checks), {@code up}, {@code down} (no success) or {@code partial}. */
        public String state() {
            return successes + failures == 0 ? "none" : failures == 0 ? "up" : successes == 0 ? "down" : "partial";
        }

        public String describe() {
            String hour = Format.instant(start);
            return successes + failures == 0 ? hour + ": no checks" : hour + ": " + successes + " up, " + failures + " down";
        }
    }

    public record Latency(Double p50, Double p95) {
    }

    /** A target's stats as the API answers them. */
    public record Stats(long successes, long failures, Double availability, @JsonProperty("latency_ms") Latency latencyMs, long checks,
                        List<Hour> hours) {
    }

    /**
     * A target with its stats (null when the API could not answer them: {@code problem} says why) and the alerts firing
     * about it now, most severe first.
     */
    public record Row(Target target, Stats stats, String problem, List<AlertView> firing) {
    }

    /** The live list: the rows, or what the API said when it could not list the targets. */
    public record Model(List<Row> rows, String error, String created) {
    }

    public record FormModel(String url, String interval, String threshold, String error) {
        public List<String> intervals() {
            return INTERVALS;
        }
    }

    /** The page: the form and the live list; {@code updated} the id of a target just edited, or null. */
    public record PageModel(Page page, Model list, FormModel form, String updated) {
    }

    private final ApiCalls api;
    private final Views views;

    TargetsPage(ApiCalls api, Views views) {
        this.api = api;
        this.views = views;
    }

    void page(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            Page page = new Page("Targets", "targets", Me.user(api, token));
            views.answer(ctx, "targets.jte", new PageModel(page, list(token, ctx.queryParam("created")), new FormModel("", "30s", "", null),
                    ctx.queryParam("updated")));
        });
    }

    void live(Context ctx) {
        Guard.token(ctx).ifPresent(token -> LiveAnswer.send(ctx, views.render("targetsLive.jte", list(token, null))));
    }

    void create(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            String url = ctx.formParam("url") == null ? "" : ctx.formParam("url").trim();
            String interval = ctx.formParam("interval") == null ? "30s" : ctx.formParam("interval");
            String threshold = ctx.formParam("threshold") == null ? "" : ctx.formParam("threshold").trim();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url);
            body.put("interval", interval);
            if (!threshold.isEmpty()) {
                try {
                    body.put("threshold", Integer.parseInt(threshold));
                } catch (NumberFormatException e) {
                    body.put("threshold", threshold); // the API names it as a bad field
                }
            }
            ApiCalls.Answer a = api.send(token, "POST", "/v1/targets", body);
            if (!a.ok()) {
                ctx.status(a.status() == 400 ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY);
                Page page = new Page("Targets", "targets", Me.user(api, token));
                views.answer(ctx, "targets.jte", new PageModel(page, list(token, null), new FormModel(url, interval, threshold, a.problem()), null));
                return;
            }
            ctx.redirect(ConsoleRoutes.TARGETS + "?created=" + Format.query(a.body().get("id").asText()), HttpStatus.SEE_OTHER);
        });
    }

    void remove(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            String id = ctx.formParam("id") == null ? "" : ctx.formParam("id");
            ApiCalls.Answer a = api.send(token, "DELETE", "/v1/targets/" + Format.segment(id), null);
            if (a.ok()) {
                ctx.redirect(ConsoleRoutes.TARGETS, HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(a.status() >= 500 ? 502 : a.status());
            Page page = new Page("Targets", "targets", Me.user(api, token));
            Model list = list(token, null);
            views.answer(ctx, "targets.jte", new PageModel(page, new Model(list.rows(), "Target " + id + " was not removed: " + a.problem(),
                    null), new FormModel("", "30s", "", null), null));
        });
    }

    private Model list(String token, String created) {
        ApiCalls.Answer a = api.get(token, "/v1/targets");
        if (!a.ok()) {
            return new Model(List.of(), a.problem(), created);
        }
        Map<String, List<AlertView>> firing = firingByTarget(token);
        List<Row> rows = new ArrayList<>();
        for (Target t : api.read(a.body(), TargetList.class).targets()) {
            ApiCalls.Answer s = api.get(token, "/v1/targets/" + Format.segment(t.id()) + "/stats?window=24h");
            List<AlertView> alerts = firing.getOrDefault(t.id(), List.of());
            rows.add(s.ok() ? new Row(t, api.read(s.body(), Stats.class), null, alerts) : new Row(t, null, s.problem(), alerts));
        }
        rows.sort(java.util.Comparator.comparing(r -> r.target().url()));
        return new Model(rows, null, created);
    }

    /**
     * The firing alerts the user may see, by the target their group names (uptime rules group by {@code target}), critical
     * first; none when the API cannot say now (the targets and their bars are what the view is for).
     */
    private Map<String, List<AlertView>> firingByTarget(String token) {
        ApiCalls.Answer a = api.get(token, "/v1/alerts");
        if (!a.ok()) {
            return Map.of();
        }
        return byTarget(api.read(a.body(), AlertEndpoints.FiringAnswer.class).alerts());
    }

    static Map<String, List<AlertView>> byTarget(List<AlertView> alerts) {
        Map<String, List<AlertView>> byTarget = new LinkedHashMap<>();
        for (AlertView v : alerts) {
            Object target = v.group() == null ? null : v.group().get("target");
            if (target != null) {
                byTarget.computeIfAbsent(String.valueOf(target), k -> new ArrayList<>()).add(v);
            }
        }
        byTarget.values().forEach(list -> list.sort(java.util.Comparator.comparing((AlertView v) -> !"critical".equals(v.level()))
                .thenComparing(AlertView::alertKey)));
        return byTarget;
    }
}
