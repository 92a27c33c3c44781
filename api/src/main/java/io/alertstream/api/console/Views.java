package io.alertstream.api.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * Renders the console's jte templates (precompiled by the build from {@code src/main/jte}: HTML content type, so
 * every {@code ${...}} is escaped for the place it stands in) and answers with them. Every page goes out with a
 * Content-Security-Policy that allows this server's own scripts and styles only (no inline script can run, whatever
 * a label holds), is never framed, and is not cached (it shows one user's alerts).
 */
public final class Views {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** The HTML of {@code template} (e.g. {@code alerts.jte}) with its one parameter. */
    public String render(String template, Object model) {
        StringOutput out = new StringOutput();
        engine.render(template, model, out);
        return out.toString();
    }

    public void answer(Context ctx, String template, Object model) {
        html(ctx, render(template, model));
    }

    public static void html(Context ctx, String html) {
        headers(ctx);
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }
}
