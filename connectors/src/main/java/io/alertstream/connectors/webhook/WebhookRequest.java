package io.alertstream.connectors.webhook;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * One HTTP POST of a notification: JSON body, {@code Idempotency-Key} (the notification id, made safe for a
 * header by {@link HeaderValues} when sent, so a receiver can drop redeliveries), the answer timeout, and the
 * Authorization header when the URL is under {@code webhook.auth.url.prefixes} (a {@link Password}, so
 * {@code toString} hides it).
 */
public record WebhookRequest(URI url, String body, String idempotencyKey, Duration timeout,
                             Optional<Password> authorization) {

    public WebhookRequest(URI url, String body, String idempotencyKey, Duration timeout) {
        this(url, body, idempotencyKey, timeout, Optional.empty());
    }

    /** The URL without query string, for logs: a query may carry a secret (Slack-style hook tokens are paths). */
    public String describedUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
