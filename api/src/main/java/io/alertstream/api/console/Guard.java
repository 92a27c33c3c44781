package io.alertstream.api.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * The checks in front of every console page: a session (else to the login page, coming back afterwards), and
 * for a POST, a request from one of this server's own pages ({@link OriginCheck}). A request made by htmx (header
 * {@code HX-Request}) is sent to the login page with {@code HX-Redirect}, which htmx follows as a whole page.
 */
final class Guard {
    private Guard() {
    }

    /** The session's token; when there is none, the request is answered (a redirect to log in) and empty is returned. */
    static Optional<String> token(Context ctx) {
        Optional<String> token = Session.token(ctx);
        if (token.isEmpty()) {
            toLogin(ctx);
        }
        return token;
    }

    /** As {@link #token} for a form POST, which must also come from a page of this server (else 403). */
    static Optional<String> tokenForPost(Context ctx) {
        if (!OriginCheck.sameOrigin(ctx)) {
            refuseCrossSite(ctx);
            return Optional.empty();
        }
        return token(ctx);
    }

    static void refuseCrossSite(Context ctx) {
        Views.headers(ctx);
        ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8")
                .result("Refused: this form was not sent from a page of this server (Origin/Referer check).");
    }

    static void toLogin(Context ctx) {
        String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        if (ctx.path().equals(ConsoleRoutes.ALERTS_LIVE)) {
            here = ConsoleRoutes.ALERTS + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        }
        String login = ConsoleRoutes.LOGIN + ("GET".equals(ctx.method().name()) ? "?next=" + Format.query(here) : "");
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", login).status(HttpStatus.OK).result("");
        } else {
            ctx.redirect(login, HttpStatus.SEE_OTHER);
        }
    }
}
