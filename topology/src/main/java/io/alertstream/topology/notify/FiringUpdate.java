package io.alertstream.topology.notify;

/**
 * An alert's entry in the global firing view ({@code notify-firing}, keyed by alert key): its match labels as
 * a JSON object while it fires, null (a tombstone) once it resolved.
 */
record FiringUpdate(String alertKey, String labelsJson) implements RouterOutput {
}
