package io.alertstream.connectors.email;

/**
 * The result of one attempt to deliver a notification: delivered, worth retrying (outage, timeout, 4xx
 * mail reply, HTTP 408/429/5xx), or rejected for good (permanent refusal: goes to the errant-record
 * reporter). {@code reason} is for logs and error messages and never carries secrets.
 */
public record DeliveryOutcome(Kind kind, String reason) {
    public enum Kind { DELIVERED, RETRY, REJECTED }

    public static DeliveryOutcome delivered() {
        return new DeliveryOutcome(Kind.DELIVERED, "");
    }

    public static DeliveryOutcome retry(String reason) {
        return new DeliveryOutcome(Kind.RETRY, reason);
    }

    public static DeliveryOutcome rejected(String reason) {
        return new DeliveryOutcome(Kind.REJECTED, reason);
    }
}
