package io.alertstream.connectors.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.EventTimes;
import io.alertstream.connectors.common.JsonRecordValues;
import io.alertstream.connectors.common.MalformedRecordException;
import io.alertstream.connectors.common.RecordCoordinates;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Maps a sink record to the document to index: JSON object source, index from {@link IndexNamePattern}
 * and the event time, id from the configured field or {@code topic+partition+offset}.
 *
 * <p>Deterministic: the same Kafka record always gives the same index and id, so a replay overwrites
 * instead of duplicating. A value that is not a JSON object, or (with a dated index pattern) an event time
 * beyond {@code index.date.max.future.ms} / {@code index.date.max.age.ms}, throws
 * {@code MalformedRecordException}.
 */
final class RecordToDocument {
    private final IndexNamePattern indexPattern;
    private final String eventTimeField;
    private final String idField;
    private final long maxFutureMs;
    private final long maxAgeMs;
    private final LongSupplier clock;

    RecordToDocument(IndexNamePattern indexPattern, String eventTimeField, String idField) {
        this(indexPattern, eventTimeField, idField, -1, -1, System::currentTimeMillis);
    }

    /** @param maxFutureMs, maxAgeMs bounds of the event time used in a dated index name, -1 for none */
    RecordToDocument(IndexNamePattern indexPattern, String eventTimeField, String idField, long maxFutureMs,
                     long maxAgeMs, LongSupplier clock) {
        this.indexPattern = indexPattern;
        this.eventTimeField = eventTimeField;
        this.idField = idField;
        this.maxFutureMs = maxFutureMs;
        this.maxAgeMs = maxAgeMs;
        this.clock = clock;
    }

    static RecordToDocument from(ElasticsearchSinkConnectorConfig config) {
        return new RecordToDocument(config.indexPattern(), config.eventTimeField(), config.documentIdField(),
                config.indexDateMaxFutureMs(), config.indexDateMaxAgeMs(), System::currentTimeMillis);
    }

    /** @return empty for a tombstone (null value), which this sink skips */
    Optional<IndexDocument> convert(SinkRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        ObjectNode source = JsonRecordValues.toObject(record,
                ElasticsearchSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG);
        Instant eventTime = eventTime(record, source);
        if (indexPattern.usesEventTime()) {
            checkIndexDate(record, eventTime);
        }
        String index = indexPattern.indexFor(record.topic(), eventTime);
        return Optional.of(new IndexDocument(index, documentId(record, source), source, record));
    }

    /** A dated index name must not come from a date far in the future (or, if bounded, the past). */
    private void checkIndexDate(SinkRecord record, Instant eventTime) {
        long now = clock.getAsLong();
        long time = eventTime.toEpochMilli();
        String key = null;
        String problem = null;
        if (maxFutureMs >= 0 && time > now + maxFutureMs) {
            key = ElasticsearchSinkConnectorConfig.INDEX_DATE_MAX_FUTURE_MS_CONFIG;
            problem = "more than " + maxFutureMs + " ms ahead of now";
        } else if (maxAgeMs >= 0 && time < now - maxAgeMs) {
            key = ElasticsearchSinkConnectorConfig.INDEX_DATE_MAX_AGE_MS_CONFIG;
            problem = "more than " + maxAgeMs + " ms before now";
        }
        if (key != null) {
            throw new MalformedRecordException("Record at " + RecordCoordinates.describe(record) + " has event time "
                    + eventTime + " (field '" + eventTimeField + "' or the record timestamp), " + problem
                    + ": it would name index " + indexPattern.indexFor(record.topic(), eventTime) + ". Fix the "
                    + "producer, or change " + key + ", or set "
                    + ElasticsearchSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG + " to warn or ignore.");
        }
    }

    /** The event time field when it parses, else the record timestamp, else the current time. */
    Instant eventTime(SinkRecord record, ObjectNode source) {
        Optional<Instant> fromField = EventTimes.parse(JsonRecordValues.at(source, eventTimeField));
        if (fromField.isPresent()) {
            return fromField.get();
        }
        // Without a record timestamp (very old producers) the index would depend on when the sink ran.
        return record.timestamp() != null ? Instant.ofEpochMilli(record.timestamp()) : Instant.now();
    }

    String documentId(SinkRecord record, ObjectNode source) {
        if (!idField.isEmpty()) {
            JsonNode id = JsonRecordValues.at(source, idField);
            if (id != null && id.isValueNode() && !id.asText().isEmpty()) {
                return id.asText();
            }
        }
        return RecordCoordinates.id(record);
    }
}
