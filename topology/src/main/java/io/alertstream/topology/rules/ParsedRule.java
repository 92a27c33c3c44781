package io.alertstream.topology.rules;

import io.alertstream.topology.sourcefile.SourcePosition;

/**
 * A rule read from a source, with the positions later stages need for their messages, and the
 * type-check of its filter made while reading (null without a filter), which compiling reuses: a CEL
 * check costs about as much as the rest of loading a rule, and a file of 10,000 rules is read whole
 * before any of them is compiled.
 */
public record ParsedRule(RuleSpec spec, SourcePosition idPosition, SourcePosition filterPosition,
                         dev.cel.common.CelValidationResult filterCheck) {
}
