package io.alertstream.connectors.webhook;

import java.net.URI;
import java.time.Duration;

/**
 * One HTTP POST of a notification: JSON body, {@code Idempotency-Key} (the notification id, so a receiver
 * can drop redeliveries) and the answer timeout.
 */
public record WebhookRequest(URI url, String body, String idempotencyKey, Duration timeout) {

    /** The URL without query string, for logs: a query may carry a secret (Slack-style hook tokens are paths). */
    public String describedUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
