package io.alertstream.topology.digest;

/** A validated AlarmStatusChanged: non-blank ids, a known status, a parsed ChangedAt. */
public record StatusChange(String userId, String alarmId, AlarmStatus status, ChangedAt changedAt) implements DigestInput {
}
