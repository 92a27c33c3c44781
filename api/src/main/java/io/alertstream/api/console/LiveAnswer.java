package io.alertstream.api.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The answer to a live part's poll: the rendered HTML with a strong ETag of it, or 304 when the poll's
 * {@code If-None-Match} names what the page already shows (htmx then leaves the page alone: no flicker, focus kept).
 */
final class LiveAnswer {
    private LiveAnswer() {
    }

    static void send(Context ctx, String html) {
        String etag = etag(html);
        Views.headers(ctx);
        ctx.header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(HttpStatus.NOT_MODIFIED).result("");
            return;
        }
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** A strong ETag of a rendered part: it changes exactly when what the user sees changes. */
    static String etag(String html) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
