package io.alertstream.topology.digest;


/**
 * A digest input that cannot be processed, on its way to the dead-letter topic: its original key and
 * value bytes; the reason and origin travel in the record headers (names from
 * {@link io.alertstream.topology.deadletter.DeadLetters}).
 */
public record DeadLetter(byte[] key, byte[] value) implements DigestRouted, DigestOutput {
}
