package io.alertstream.topology.model;

/**
 * What the first processors forward: good data (a parsed event, or a fan-out record) or a
 * {@link Rejected} record bound for the dead-letter topic. The topology splits on the type.
 */
public sealed interface Routed permits ParsedEvent, Rejected, FanOut {
}
