package io.alertstream.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's {@link GracefulHandler} (the server's stop waits for the requests it tracks) with the API's own
 * answer to a request that arrives, on a connection still open, while the server stops: 503 problem+json
 * with {@code Retry-After} and {@code Connection: close}, as the document promises for every 503, instead
 * of Jetty's error page. Nothing of such a request was processed, so a client may safely send it again.
 */
public final class DrainingHandler extends GracefulHandler {
    private static final byte[] BODY = body();

    @Override
    protected void handleShutdownRejection(Request request, Response response, Callback callback) {
        response.setStatus(503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(BODY), callback);
    }

    private static byte[] body() {
        try {
            return new ObjectMapper().writeValueAsBytes(Problem.of(503, "stopping", "Service unavailable",
                    "This instance is shutting down; nothing of this request was processed; send it again"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
