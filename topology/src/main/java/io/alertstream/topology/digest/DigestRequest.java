package io.alertstream.topology.digest;

/** A validated SendAlarmDigest: one digest is due for this user. */
public record DigestRequest(String userId) implements DigestInput {
}
