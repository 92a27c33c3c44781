package io.alertstream.connectors.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertstream.connectors.common.EventTimes;
import io.alertstream.connectors.common.JsonRecordValues;
import io.alertstream.connectors.common.RecordCoordinates;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Maps a sink record to the document to index: JSON object source, index from {@link IndexNamePattern}
 * and the event time, id from the configured field or {@code topic+partition+offset}.
 *
 * <p>Deterministic: the same Kafka record always gives the same index and id, so a replay overwrites
 * instead of duplicating. A value that is not a JSON object throws {@code MalformedRecordException}.
 */
final class RecordToDocument {
    private final IndexNamePattern indexPattern;
    private final String eventTimeField;
    private final String idField;

    RecordToDocument(IndexNamePattern indexPattern, String eventTimeField, String idField) {
        this.indexPattern = indexPattern;
        this.eventTimeField = eventTimeField;
        this.idField = idField;
    }

    static RecordToDocument from(ElasticsearchSinkConnectorConfig config) {
        return new RecordToDocument(config.indexPattern(), config.eventTimeField(), config.documentIdField());
    }

    /** @return empty for a tombstone (null value), which this sink skips */
    Optional<IndexDocument> convert(SinkRecord record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        ObjectNode source = JsonRecordValues.toObject(record,
                ElasticsearchSinkConnectorConfig.BEHAVIOR_ON_MALFORMED_CONFIG);
        String index = indexPattern.indexFor(record.topic(), eventTime(record, source));
        return Optional.of(new IndexDocument(index, documentId(record, source), source, record));
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
