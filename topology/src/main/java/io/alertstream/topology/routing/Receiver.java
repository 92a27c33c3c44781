package io.alertstream.topology.routing;

import java.time.Duration;
import java.util.List;

/**
 * Where notifications go: an email section, webhooks, or both. The name is also the UserID of the
 * receiver's alarm digest, so a receiver with a {@code digestInterval} gets that digest on schedule.
 *
 * @param digestInterval how often the receiver's digest is sent (aligned to multiples of it in UTC), or null
 */
public record Receiver(String name, Email email, List<Webhook> webhooks, Duration digestInterval) {

    /** Addresses of one email notification. */
    public record Email(List<String> to, List<String> cc, List<String> bcc) {
    }

    /** One webhook: {@code format} json or slack; {@code timeout} per request, or null for the connector's default. */
    public record Webhook(String url, String format, Duration timeout) {
    }
}
