package io.alertstream.api.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code GET /openapi.json}, without authentication: the checked-in OpenAPI 3.1 document of every /v1 route. */
public final class OpenApiEndpoint implements Endpoints {
    public static final String RESOURCE = "/openapi.json";
    private final byte[] document;

    public OpenApiEndpoint() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the classpath");
            }
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void addTo(JavalinConfig config) {
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
    }
}
