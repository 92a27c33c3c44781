package io.alertstream.client;

/**
 * One event the receiving side refused for good (an HTTP 400 item reason, 401/403, a record Kafka can
 * never take): it is reported to the client's {@code onRejected} callback and not retried.
 *
 * @param index  position of the event in the batch handed to the {@link Transport}
 * @param reason short machine-readable reason, e.g. {@code unauthorized}, {@code invalid_json}, {@code too_large}
 * @param detail free text for a person; may be empty
 */
public record Rejection(int index, String reason, String detail) {
    public Rejection {
        reason = reason == null || reason.isBlank() ? "rejected" : reason;
        detail = detail == null ? "" : detail;
    }
}
