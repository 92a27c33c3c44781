package io.alertstream.client;

/**
 * What the client's {@code onRejected} callback receives: the event as the client sent it (its JSON
 * text) and why the receiving side refused it.
 */
public record RejectedEvent(String json, String reason, String detail) {
}
