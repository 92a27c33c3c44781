package io.alertstream.topology.deadletter;

import io.alertstream.topology.digest.DigestOutput;
import io.alertstream.topology.digest.DigestParseResult;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.notify.RouterOutput;

/**
 * A record that cannot be processed, on its way to a dead-letter topic with its original key and value
 * bytes; the reason and origin travel in the record's headers ({@link DeadLetters#headers}). The same record
 * for every sub-topology (events, digests, notifications): each splits it off its processors' output by type
 * and writes it with {@link DeadLetterSink}.
 */
public record DeadLetter(byte[] key, byte[] value) implements ParseResult, DigestParseResult, DigestOutput, RouterOutput {
}
