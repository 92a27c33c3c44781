package io.alertstream.topology.model;

import io.alertstream.topology.deadletter.DeadLetter;

/**
 * What the first processors forward: good data (a parsed event, or a fan-out record) or a
 * {@link DeadLetter} bound for the dead-letter topic. The topology splits on the type. Not sealed only because
 * the one dead-letter record lives in its own package and serves every sub-topology; the implementations are
 * {@link ParsedEvent}, {@link FanOut} and {@link DeadLetter}.
 */
public interface ParseResult {
}
