package io.alertstream.topology.digest;

/**
 * The one input type of the digest processor: both input topics are parsed into it, keyed by UserID,
 * merged and repartitioned together, so one user's status changes and digest requests reach the same
 * task, in the order they were read from each partition.
 */
public sealed interface DigestInput extends DigestParseResult permits StatusChange, DigestRequest {
    String userId();
}
