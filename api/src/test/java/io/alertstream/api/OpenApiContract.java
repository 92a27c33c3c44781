package io.alertstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checked-in {@code openapi.json} as a test oracle: {@link #check} validates a response a client
 * received (method, path template, status, content type, body) against the schema the document gives
 * for it, with {@code $ref}s resolved to the document's components; {@link #operations} lists what
 * the document covers, to compare with the routes the server registered.
 */
public final class OpenApiContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final JsonNode doc;

    private OpenApiContract(JsonNode doc) {
        this.doc = doc;
    }

    public static OpenApiContract load() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            return new OpenApiContract(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every operation of the document as {@code METHOD path}, e.g. {@code DELETE /v1/tokens/{id}}. */
    public Set<String> operations() {
        Set<String> out = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> out.add(m.toUpperCase() + " " + p.getKey())));
        return out;
    }

    /**
     * Throws an {@link AssertionError} naming every violation when the response does not match the
     * document: an undocumented status, a content type the document does not give, or a body its schema refuses.
     *
     * @param contentType the response's Content-Type (parameters such as charset are ignored)
     * @param body        the body as received; empty for none
     */
    public void check(String method, String pathTemplate, int status, String contentType, String body) {
        JsonNode operation = doc.path("paths").path(pathTemplate).path(method.toLowerCase());
        if (operation.isMissingNode()) {
            throw new AssertionError("openapi.json has no operation " + method + " " + pathTemplate);
        }
        JsonNode response = resolve(operation.path("responses").path(String.valueOf(status)));
        if (response.isMissingNode()) {
            throw new AssertionError("openapi.json does not document status " + status + " for " + method + " " + pathTemplate
                    + " (body: " + body + ")");
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(method + " " + pathTemplate + " " + status + " should have no body, got " + body);
            }
            return;
        }
        String type = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode media = content.path(type);
        if (media.isMissingNode()) {
            throw new AssertionError(method + " " + pathTemplate + " " + status + " answered Content-Type '" + contentType
                    + "'; the document gives " + content.properties().stream().map(Map.Entry::getKey).toList());
        }
        ObjectNode schema = media.path("schema").deepCopy();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.set("components", doc.get("components"));
        JsonSchema validator = FACTORY.getSchema(schema);
        JsonNode actual;
        try {
            actual = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(method + " " + pathTemplate + " " + status + " body is not JSON: " + body);
        }
        Set<ValidationMessage> errors = validator.validate(actual);
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + pathTemplate + " " + status + " body " + body + " breaks the document: " + errors);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.path("$ref");
        if (!ref.isTextual()) {
            return node;
        }
        JsonNode target = doc;
        Iterator<String> parts = java.util.Arrays.asList(ref.asText().substring(2).split("/")).iterator();
        while (parts.hasNext()) {
            target = target.path(parts.next());
        }
        return target;
    }
}
