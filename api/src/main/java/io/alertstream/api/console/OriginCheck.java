package io.alertstream.api.console;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Locale;

/**
 * CSRF defence of the console's forms, beside the {@code SameSite=Strict} session cookie: a POST is accepted only
 * when its {@code Origin} (or, when a browser sends none, its {@code Referer}) is this server's own origin, as the
 * request's {@code Host} names it. Browsers set both headers themselves; a page of another site cannot forge them.
 * A POST with neither is refused too: every browser the console supports sends {@code Origin} on a form POST.
 */
public final class OriginCheck {
    private OriginCheck() {
    }

    /** Whether the request comes from a page of this server. */
    public static boolean sameOrigin(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            return false;
        }
        String expected = (ctx.scheme() + "://" + host).toLowerCase(Locale.ROOT);
        String origin = ctx.header("Origin");
        if (origin != null && !origin.equals("null")) {
            return origin.toLowerCase(Locale.ROOT).equals(expected);
        }
        String referer = ctx.header("Referer");
        if (referer == null) {
            return false;
        }
        try {
            URI r = URI.create(referer);
            return (r.getScheme() + "://" + r.getRawAuthority()).toLowerCase(Locale.ROOT).equals(expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
