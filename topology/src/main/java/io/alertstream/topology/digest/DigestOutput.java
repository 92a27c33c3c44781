package io.alertstream.topology.digest;

/**
 * What the digest processor forwards: a digest for the output topic, or a dead letter for a status
 * change it cannot keep (the user is at {@code alertstream.digest.max.alarms.per.user}).
 */
public sealed interface DigestOutput permits AlarmDigest, DeadLetter {
}
