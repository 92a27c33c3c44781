package io.alertstream.topology.digest;

import io.alertstream.topology.deadletter.DeadLetter;

/**
 * What the digest input parsers forward: a well-formed input keyed by UserID ({@link DigestInput}),
 * or a {@link DeadLetter} bound for the dead-letter topic. The topology splits on the type (not sealed only
 * because the one dead-letter record lives in its own package).
 */
public interface DigestParseResult {
}
