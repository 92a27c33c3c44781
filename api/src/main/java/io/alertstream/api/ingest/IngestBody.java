package io.alertstream.api.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a {@code POST /v1/events} body into its items, each as the exact bytes the client sent (not
 * re-serialized: the engine must see, and {@link io.alertstream.topology.processors.EventAdmission}
 * must check, what the client wrote). A JSON array gives its elements; anything else is one item. A body
 * that is not JSON at all answers 400; more than {@code maxItems} items answers 413.
 */
final class IngestBody {
    private static final JsonFactory FACTORY = new JsonFactory();

    private IngestBody() {
    }

    static List<byte[]> items(byte[] body, int maxItems) {
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw ProblemException.badRequest("The body is empty; send a JSON object or an array of them");
            }
            List<byte[]> items = new ArrayList<>();
            if (first != JsonToken.START_ARRAY) {
                p.skipChildren();
                requireEnd(p);
                items.add(body);
                return items;
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw ProblemException.badRequest("The body is not JSON: the array is not closed");
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                if (items.size() == maxItems) {
                    throw tooMany(maxItems);
                }
                items.add(Arrays.copyOfRange(body, start, end));
            }
            requireEnd(p);
            return items;
        } catch (IOException e) {
            throw ProblemException.badRequest("The body is not JSON (" + e.getClass().getSimpleName() + " at byte "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? j.getLocation().getByteOffset() : -1) + "); send a JSON object or an array of them");
        }
    }

    static ProblemException tooMany(int maxItems) {
        return new ProblemException(Problem.of(413, "too-large", "Content too large",
                "At most " + maxItems + " events per request (alertstream.api.ingest.max.items); split the batch"));
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw ProblemException.badRequest("The body is not JSON: something follows the JSON value");
        }
    }
}
