package io.alertstream.topology.digest;

/**
 * A validated SendAlarmDigest: one digest is due for this user. Also the type a future scheduler hands
 * to {@link DigestTopology#addTo(org.apache.kafka.streams.StreamsBuilder, DigestConfig,
 * org.apache.kafka.streams.kstream.KStream)}.
 */
public record DigestRequest(String userId) implements DigestInput {
}
