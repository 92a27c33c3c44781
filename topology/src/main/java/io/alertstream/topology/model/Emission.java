package io.alertstream.topology.model;

/** What the evaluator emits: an alert transition or a counter update, split to their topics. */
public sealed interface Emission permits Alert, Counter {
}
