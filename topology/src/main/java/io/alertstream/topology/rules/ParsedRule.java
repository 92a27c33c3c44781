package io.alertstream.topology.rules;

/** A rule read from a source, with the positions later stages need for their messages. */
public record ParsedRule(RuleSpec spec, SourcePosition idPosition, SourcePosition filterPosition) {
}
