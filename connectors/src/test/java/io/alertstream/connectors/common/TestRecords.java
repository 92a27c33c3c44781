package io.alertstream.connectors.common;

import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;

/** Builds sink records as the worker delivers them with JsonConverter (schemas disabled): Map values. */
public final class TestRecords {
    private TestRecords() {
    }

    public static SinkRecord record(String topic, int partition, long offset, Object value, Long timestamp) {
        return new SinkRecord(topic, partition, null, "key-" + offset, null, value, offset, timestamp,
                TimestampType.CREATE_TIME);
    }

    public static SinkRecord record(String topic, int partition, long offset, Map<String, Object> value) {
        return record(topic, partition, offset, value, 1_700_000_000_000L);
    }
}
