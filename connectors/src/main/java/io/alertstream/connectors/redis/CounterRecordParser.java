package io.alertstream.connectors.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.EventTimes;
import io.alertstream.connectors.common.JsonRecordValues;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.RecordCoordinates;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Parses a {@code counters} record into a {@link CounterUpdate}.
 *
 * <p>Input value: {@code {"ruleId", "groupKey", "windowStart", "windowEnd", "value", "count", ...}} with
 * window bounds as ISO-8601 or epoch millis. Output: the hash key from {@link CounterKeyLayout}, the value as
 * plain decimal text, and the expiry (fixed, or window size times the factor). Missing or mistyped fields
 * throw {@link MalformedRecordException} naming the field and the record.
 */
final class CounterRecordParser {
    private final CounterKeyLayout layout;
    private final long ttlMs;
    private final int ttlWindowFactor;

    CounterRecordParser(CounterKeyLayout layout, long ttlMs, int ttlWindowFactor) {
        this.layout = layout;
        this.ttlMs = ttlMs;
        this.ttlWindowFactor = ttlWindowFactor;
    }

    static CounterRecordParser from(RedisSinkConnectorConfig config) {
        return new CounterRecordParser(new CounterKeyLayout(config.keyPrefix()), config.ttlMs(),
                config.ttlWindowFactor());
    }

    /** @return empty for a tombstone (null value), which this sink skips */
    Optional<CounterUpdate> parse(SinkRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        ObjectNode counter = JsonRecordValues.toObject(record, RedisSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG);
        String ruleId = text(record, counter, "ruleId");
        String groupKey = text(record, counter, "groupKey");
        long windowStart = time(record, counter, "windowStart");
        long windowEnd = time(record, counter, "windowEnd");
        if (windowEnd <= windowStart) {
            throw malformed(record, "windowEnd must be after windowStart");
        }
        JsonNode value = counter.get("value");
        if (value == null || !value.isNumber()) {
            throw malformed(record, "field 'value' must be a number");
        }
        JsonNode count = counter.get("count");
        String countText = count != null && count.isNumber() ? plain(count) : null;
        long ttl = ttlMs >= 0 ? ttlMs : Math.multiplyExact(windowEnd - windowStart, (long) ttlWindowFactor);
        return Optional.of(new CounterUpdate(layout.key(ruleId, groupKey), windowStart, windowEnd, plain(value),
                countText, ttl, record));
    }

    /** {@code 3.0} becomes {@code 3}, {@code 1E+3} becomes {@code 1000}: stable text for equal values. */
    static String plain(JsonNode number) {
        String text = number.decimalValue().stripTrailingZeros().toPlainString();
        return "-0".equals(text) ? "0" : text;
    }

    private static String text(SinkRecord record, ObjectNode counter, String field) {
        JsonNode node = counter.get(field);
        if (node == null || !node.isValueNode() || node.isNull() || node.asText().isEmpty()) {
            throw malformed(record, "field '" + field + "' is missing or empty");
        }
        return node.asText();
    }

    private static long time(SinkRecord record, ObjectNode counter, String field) {
        Optional<Instant> time = EventTimes.parse(counter.get(field));
        if (time.isEmpty()) {
            throw malformed(record, "field '" + field + "' must be an ISO-8601 time or epoch millis");
        }
        return time.get().toEpochMilli();
    }

    private static MalformedRecordException malformed(SinkRecord record, String reason) {
        return new MalformedRecordException("Counter record at " + RecordCoordinates.describe(record) + ": " + reason
                + ". Fix the producer, or set " + RedisSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG
                + " to warn or ignore to skip such records.");
    }
}
