package io.alertstream.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads a request's JSON object body; anything else answers 400 (the detail never quotes the body). */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static JsonNode object(Context ctx, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("The body must be a JSON object");
        }
        return node;
    }

    /** The string field {@code name}, or a 400 naming it. */
    public static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual()) {
            throw ProblemException.badRequest("Field '" + name + "' is required and must be a string");
        }
        return v.asText();
    }
}
