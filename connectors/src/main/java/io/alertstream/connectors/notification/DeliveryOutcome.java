package io.alertstream.connectors.notification;

import io.alertstream.connectors.common.MalformedRecordException;

/**
 * The result of one attempt to deliver a notification: delivered, worth retrying (outage, timeout, 4xx
 * mail reply, HTTP 408/429/5xx), or rejected for good (permanent refusal, or a notification that cannot be
 * sent at all: goes to the errant-record reporter). {@code reason} is for logs and error messages and never
 * carries secrets; {@code error}, when set, is the exact error to report.
 */
public record DeliveryOutcome(Kind kind, String reason, MalformedRecordException error) {
    public enum Kind { DELIVERED, RETRY, REJECTED }

    public static DeliveryOutcome delivered() {
        return new DeliveryOutcome(Kind.DELIVERED, "", null);
    }

    public static DeliveryOutcome retry(String reason) {
        return new DeliveryOutcome(Kind.RETRY, reason, null);
    }

    public static DeliveryOutcome rejected(String reason) {
        return new DeliveryOutcome(Kind.REJECTED, reason, null);
    }

    /** The notification itself is unusable (or made the sender throw): reported with this error. */
    public static DeliveryOutcome unusable(MalformedRecordException error) {
        return new DeliveryOutcome(Kind.REJECTED, error.getMessage(), error);
    }
}
