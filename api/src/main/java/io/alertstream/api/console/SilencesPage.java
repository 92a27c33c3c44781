package io.alertstream.api.console;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.alertstream.api.alerts.AlertView;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Silences view: every silence ({@code GET /v1/silences}) with its status, and a button to expire one
 * ({@code DELETE /v1/silences/{id}}); and the form that creates one ({@code POST /v1/silences}), opened from an
 * alert with its labels as matchers ({@link SilenceDraft}), for a duration or {@code until resolved}. The API
 * validates: its 400 detail, naming every bad field, is shown above the form as it was filled in.
 */
public final class SilencesPage {
    /** The choices of how long a new silence lasts: {@code resolved} or a duration the engine's syntax reads. */
    static final List<String> DURATIONS = List.of("resolved", "30m", "1h", "2h", "4h", "1d");

    /** A silence as the API shows it. */
    public record Silence(String id, List<String> matchers, @JsonProperty("starts_at") String startsAt,
                          @JsonProperty("ends_at") String endsAt, String until, @JsonProperty("created_by") String createdBy,
                          String comment, String status, @JsonProperty("ended_by") String endedBy) {
        public boolean over() {
            return "expired".equals(status);
        }
    }

    public record ListAnswer(List<Silence> silences) {
    }

    public record ListModel(Page page, List<Silence> silences, String highlight, String error) {
    }

    /** The form: {@code alertKey} when made from an alert; {@code matchers} one per line. */
    public record FormModel(Page page, String alertKey, String matchers, String duration, String comment, String error) {
        public List<String> durations() {
            return DURATIONS;
        }
    }

    private final ApiCalls api;
    private final Views views;
    private final Clock clock;

    SilencesPage(ApiCalls api, Views views, Clock clock) {
        this.api = api;
        this.views = views;
        this.clock = clock;
    }

    void list(Context ctx) {
        Guard.token(ctx).ifPresent(token -> render(ctx, token, ctx.queryParam("created"), null));
    }

    private void render(Context ctx, String token, String highlight, String error) {
        Page page = new Page("Silences", "silences", Me.user(api, token));
        ApiCalls.Answer a = api.get(token, "/v1/silences");
        if (!a.ok()) {
            views.answer(ctx, "silences.jte", new ListModel(page, List.of(), null, a.problem()));
            return;
        }
        views.answer(ctx, "silences.jte", new ListModel(page, api.read(a.body(), ListAnswer.class).silences(), highlight, error));
    }

    void form(Context ctx) {
        Guard.token(ctx).ifPresent(token -> {
            Page page = new Page("New silence", "silences", Me.user(api, token));
            String key = ctx.queryParam("alert");
            String matchers = "";
            String error = null;
            if (key != null && !key.isEmpty()) {
                ApiCalls.Answer a = api.get(token, "/v1/alerts/" + Format.segment(key));
                AlertPage.Answer alert = a.ok() ? api.read(a.body(), AlertPage.Answer.class) : null;
                if (alert == null) {
                    error = "Alert " + key + ": " + a.problem();
                } else if (alert.current() == null) {
                    error = "Alert " + key + " does not fire now; its last labels are filled in.";
                    matchers = alert.transitions().isEmpty() ? "" : String.join("\n", SilenceDraft.matchers(AlertView.of(
                            alert.transitions().get(alert.transitions().size() - 1))));
                } else {
                    matchers = String.join("\n", SilenceDraft.matchers(alert.current()));
                }
            }
            views.answer(ctx, "silenceForm.jte", new FormModel(page, key, matchers, "resolved", "", error));
        });
    }

    void create(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            String matchersText = ctx.formParam("matchers") == null ? "" : ctx.formParam("matchers");
            String duration = ctx.formParam("duration") == null ? "resolved" : ctx.formParam("duration");
            String comment = ctx.formParam("comment") == null ? "" : ctx.formParam("comment").trim();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matchers", Arrays.stream(matchersText.split("\\R")).map(String::trim).filter(m -> !m.isEmpty()).toList());
            if ("resolved".equals(duration)) {
                body.put("until", "resolved");
            } else if (DURATIONS.contains(duration)) {
                body.put("ends_at", clock.instant().plus(parse(duration)).toString());
            }
            if (!comment.isEmpty()) {
                body.put("comment", comment);
            }
            ApiCalls.Answer a = api.send(token, "POST", "/v1/silences", body);
            if (!a.ok()) {
                ctx.status(a.status() == 400 ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY);
                views.answer(ctx, "silenceForm.jte", new FormModel(new Page("New silence", "silences", Me.user(api, token)),
                        ctx.formParam("alert"), matchersText, duration, comment, a.problem()));
                return;
            }
            ctx.redirect(ConsoleRoutes.SILENCES + "?created=" + Format.query(a.body().get("id").asText()), HttpStatus.SEE_OTHER);
        });
    }

    void expire(Context ctx) {
        Guard.tokenForPost(ctx).ifPresent(token -> {
            String id = ctx.formParam("id") == null ? "" : ctx.formParam("id");
            ApiCalls.Answer a = api.send(token, "DELETE", "/v1/silences/" + Format.segment(id), null);
            if (a.ok()) {
                ctx.redirect(ConsoleRoutes.SILENCES, HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(a.status() >= 500 ? 502 : a.status());
            render(ctx, token, null, "Silence " + id + " was not expired: " + a.problem());
        });
    }

    private static Duration parse(String d) {
        return switch (d.charAt(d.length() - 1)) {
            case 'm' -> Duration.ofMinutes(Long.parseLong(d.substring(0, d.length() - 1)));
            case 'h' -> Duration.ofHours(Long.parseLong(d.substring(0, d.length() - 1)));
            default -> Duration.ofDays(Long.parseLong(d.substring(0, d.length() - 1)));
        };
    }
}
