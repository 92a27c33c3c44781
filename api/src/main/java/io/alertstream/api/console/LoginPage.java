package io.alertstream.api.console;

import io.alertstream.api.http.ProblemException;
import io.alertstream.api.http.RateLimits;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Map;

/**
 * Logging in and out with the API's accounts: the form posts user and password to the console, which asks
 * {@code POST /v1/login} (the API's own rate limit and its one answer for an unknown user and a wrong password
 * apply) and keeps the token in the {@link Session} cookie. The password goes no further and is never logged.
 */
public final class LoginPage {
    /** @param next where to go after logging in (one of the console's paths) */
    public record Model(String error, String user, String next) {
    }

    private final ApiCalls api;
    private final Views views;
    private final Clock clock;
    private final RateLimits limits;

    /**
     * @param limits the API's rate limits: the API sees every console login come from this server's own address, so the
     *               console limits each browser's address itself, as the API limits a client's logins
     */
    LoginPage(ApiCalls api, Views views, Clock clock, RateLimits limits) {
        this.api = api;
        this.views = views;
        this.clock = clock;
        this.limits = limits;
    }

    void form(Context ctx) {
        views.answer(ctx, "login.jte", new Model(null, "", ConsoleRoutes.safeNext(ctx.queryParam("next"))));
    }

    void login(Context ctx) {
        if (!OriginCheck.sameOrigin(ctx)) {
            Guard.refuseCrossSite(ctx);
            return;
        }
        String user = ctx.formParam("user") == null ? "" : ctx.formParam("user").trim();
        String password = ctx.formParam("password") == null ? "" : ctx.formParam("password");
        String next = ConsoleRoutes.safeNext(ctx.formParam("next"));
        try {
            limits.acquire("console-addr:" + ctx.ip());
        } catch (ProblemException e) {
            e.headers().forEach(ctx::header);
            ctx.status(HttpStatus.TOO_MANY_REQUESTS);
            views.answer(ctx, "login.jte", new Model(e.problem().detail(), user, next));
            return;
        }
        ApiCalls.Answer a = api.send(null, "POST", "/v1/login", Map.of("user", user, "password", password));
        if (!a.ok()) {
            String error = a.status() == 401 ? "Unknown user or wrong password." : a.problem();
            ctx.status(a.status() == 429 ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED);
            views.answer(ctx, "login.jte", new Model(error, user, next));
            return;
        }
        Session.start(ctx, a.body().get("token").asText(), a.body().get("expiresAt").asText(), clock.instant());
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        if (!OriginCheck.sameOrigin(ctx)) {
            Guard.refuseCrossSite(ctx);
            return;
        }
        Session.end(ctx);
        ctx.redirect(ConsoleRoutes.LOGIN, HttpStatus.SEE_OTHER);
    }
}
