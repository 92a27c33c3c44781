package io.alertstream.api.console;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The console's scripts and styles, all from the jar (no CDN; the Content-Security-Policy allows nothing else):
 * its own {@code console.css} and {@code console.js}, and htmx from its webjar (the version the build resolved,
 * read from the webjar's Maven metadata). A fixed list: no path from a request reaches the class loader. Each is
 * answered with a strong ETag and revalidated ({@code no-cache}), so a new version is picked up at once.
 */
final class Assets {
    private record Asset(byte[] bytes, String type, String etag) {
    }

    private final Map<String, Asset> assets;

    Assets() {
        String htmx = "META-INF/resources/webjars/htmx.org/" + webjarVersion("htmx.org") + "/dist/htmx.min.js";
        this.assets = Map.of(
                "console.css", load("console/console.css", "text/css; charset=utf-8"),
                "console.js", load("console/console.js", "text/javascript; charset=utf-8"),
                "htmx.min.js", load(htmx, "text/javascript; charset=utf-8"));
    }

    void serve(Context ctx) {
        Asset a = assets.get(ctx.pathParam("file"));
        if (a == null) {
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result("No such asset");
            return;
        }
        ctx.header("ETag", a.etag()).header("Cache-Control", "no-cache").header("X-Content-Type-Options", "nosniff");
        if (a.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(a.type()).result(a.bytes());
    }

    private static Asset load(String resource, String type) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the console's asset " + resource + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(bytes, type, LiveAnswer.etag(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String webjarVersion(String artifact) {
        String path = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the webjar " + artifact + " is missing from the classpath (" + path + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
