package io.alertstream.connectors.webhook;

import java.io.IOException;

/**
 * What the webhook sink task needs from HTTP: POST a request and return the status code. An
 * {@link IOException} (connection refused, reset, timeout) means the receiver could not be reached.
 */
public interface WebhookSender extends AutoCloseable {

    int post(WebhookRequest request) throws IOException, InterruptedException;

    @Override
    void close();
}
