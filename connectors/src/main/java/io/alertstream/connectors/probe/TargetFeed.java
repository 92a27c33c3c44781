package io.alertstream.connectors.probe;

import java.time.Duration;
import java.util.List;

/**
 * The raw records of the targets topic, from the beginning: what {@link ProbeSourceTask} turns into targets.
 * Tests hand in a list instead of a consumer.
 */
interface TargetFeed extends AutoCloseable {

    /** A record of the targets topic; {@code value} null is a tombstone. */
    record Change(String key, String value) {
    }

    /** The records that arrived since the last call (waits at most {@code timeout}). */
    List<Change> poll(Duration timeout);

    @Override
    void close();
}
