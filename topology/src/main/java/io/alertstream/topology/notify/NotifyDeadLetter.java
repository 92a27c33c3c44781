package io.alertstream.topology.notify;


/**
 * An alert the router cannot read, on its way to the dead-letter topic: its original key and value bytes;
 * the reason and origin travel in the record headers (names from {@link io.alertstream.topology.deadletter.DeadLetters}).
 */
record NotifyDeadLetter(byte[] key, byte[] value) implements NotifyRouted {
}
