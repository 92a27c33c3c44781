package io.alertstream.topology.digest;

import io.alertstream.topology.deadletter.DeadLetter;

/**
 * What the digest processor forwards: an {@link AlarmDigest} for the output topic, or a {@link DeadLetter} for a
 * status change it cannot keep (the user is at {@code alertstream.digest.max.alarms.per.user}). Not sealed only
 * because the one dead-letter record lives in its own package.
 */
public interface DigestOutput {
}
