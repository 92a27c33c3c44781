package io.alertstream.topology.model;

/**
 * An input record that cannot be processed, on its way to the dead-letter topic with its original
 * bytes; the reason travels in the record's headers (see DeadLetters).
 */
public record Rejected(byte[] key, byte[] value) implements Routed {
}
