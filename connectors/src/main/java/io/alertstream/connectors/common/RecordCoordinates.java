package io.alertstream.connectors.common;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Formats where a record came from, so every error message names topic, partition and offset.
 *
 * <p>Uses the original coordinates (before any SMT renamed the topic), which is what an operator
 * needs to find the record in Kafka.
 */
public final class RecordCoordinates {
    private RecordCoordinates() {
    }

    /** {@code topic 'alerts' partition 2 offset 1234}. */
    public static String describe(SinkRecord record) {
        return "topic '" + record.originalTopic() + "' partition " + record.originalKafkaPartition()
                + " offset " + record.originalKafkaOffset();
    }

    /** A stable identifier {@code topic+partition+offset}, unique per Kafka record. */
    public static String id(SinkRecord record) {
        return record.originalTopic() + "+" + record.originalKafkaPartition() + "+" + record.originalKafkaOffset();
    }
}
