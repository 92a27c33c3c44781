package io.alertstream.topology.digest;

/**
 * What the digest input parsers forward: a well-formed input keyed by UserID ({@link DigestInput}),
 * or a {@link DeadLetter} bound for the dead-letter topic. The topology splits on the type.
 */
public sealed interface DigestRouted permits DigestInput, DeadLetter {
}
