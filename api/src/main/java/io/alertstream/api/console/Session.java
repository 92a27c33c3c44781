package io.alertstream.api.console;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The console's session: the API login token (a JWT from {@code POST /v1/login}) in a cookie that scripts cannot
 * read ({@code HttpOnly}), that no other site's page sends ({@code SameSite=Strict}, the first half of the CSRF
 * defence; {@link OriginCheck} is the second), {@code Secure} when served over TLS, and that lives as long as the
 * token. The server keeps nothing: any instance with the same signing key serves the session.
 */
public final class Session {
    public static final String COOKIE = "alertstream_session";

    private Session() {
    }

    /** The token of the request's session, if it has one. */
    public static Optional<String> token(Context ctx) {
        String value = ctx.cookie(COOKIE);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public static void start(Context ctx, String token, String expiresAt, Instant now) {
        long seconds = Math.max(1, Duration.between(now, Instant.parse(expiresAt)).toSeconds());
        ctx.cookie(new Cookie(COOKIE, token, "/", (int) Math.min(Integer.MAX_VALUE, seconds), secure(ctx), true, null, SameSite.STRICT));
    }

    public static void end(Context ctx) {
        ctx.cookie(new Cookie(COOKIE, "", "/", 0, secure(ctx), true, null, SameSite.STRICT));
    }

    private static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme());
    }
}
