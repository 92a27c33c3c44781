package io.alertstream.client;

/** Why the client gave up an event without handing it to the transport. */
public enum DropReason {
    /** The buffer held {@code bufferCapacity} events (the transport is slow or down). */
    BUFFER_FULL,
    /** {@code send} was called after {@code close()}. */
    CLOSED,
    /** Jackson could not turn the object into JSON, or it is not a JSON object. */
    NOT_SERIALIZABLE,
    /** {@code close()} gave up waiting for delivery; the event is passed as its JSON text. */
    CLOSE_TIMEOUT
}
