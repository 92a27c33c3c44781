package io.alertstream.topology.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.Routed;
import io.alertstream.topology.rules.FieldsRead;
import io.alertstream.topology.rules.RuleCatalog;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input: raw event records (any key, value bytes). Output: a {@link ParsedEvent} (the JSON object and
 * its event time, as the record timestamp too) or, for a value that is empty, oversize, not JSON, not a
 * JSON object, or whose time field is of the wrong type or unparsable, a dead-letter record with the
 * reason in headers. Nothing throws: one bad record never stops the stream. Only the fields the rules
 * read are built ({@link EventReader}); the others are checked and skipped.
 */
public final class EventParser implements Processor<byte[], byte[], byte[], Routed> {
    private final AlertTopologyConfig config;
    private final RuleCatalog catalog;
    private ProcessorContext<byte[], Routed> context;
    private AlertMetrics metrics;
    private Sensor deadLettered;

    /** Builds only the fields the catalog's rules read (see {@link EventReader}). */
    public EventParser(AlertTopologyConfig config, RuleCatalog catalog) {
        this.config = config;
        this.catalog = catalog;
    }

    /** Builds every field of every event. */
    public EventParser(AlertTopologyConfig config) {
        this(config, null);
    }

    @Override
    public void init(ProcessorContext<byte[], Routed> context) {
        this.context = context;
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "parse");
        this.deadLettered = metrics.total("dead-lettered", "Input records sent to the dead-letter topic");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            reject(record, "empty", "record has no value");
            return;
        }
        if (value.length > config.maxEventBytes()) {
            reject(record, "oversize", "value of " + value.length + " bytes exceeds alertstream.event.max.bytes="
                    + config.maxEventBytes());
            return;
        }
        RuleCatalog.Snapshot rules = catalog == null ? null : catalog.current();
        Map<String, Object> fields;
        try {
            fields = EventReader.read(value, rules == null ? FieldsRead.ALL : rules.fieldsRead(), config.eventTimeField());
        } catch (EventReader.NotAnObject e) {
            reject(record, "not-an-object", e.getMessage());
            return;
        } catch (JsonProcessingException e) {
            reject(record, "malformed-json", "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
            return;
        } catch (IOException e) {
            reject(record, "malformed-json", "unreadable value: " + e.getMessage());
            return;
        }
        Object time = fields.get(config.eventTimeField());
        long eventTime;
        if (time == null) {
            eventTime = record.timestamp();
        } else if (time instanceof Number n) {
            eventTime = n.longValue();
        } else if (time instanceof String s) {
            try {
                eventTime = parseIsoTime(s);
            } catch (DateTimeParseException e) {
                reject(record, "bad-timestamp", "field '" + config.eventTimeField() + "' = '" + s
                        + "' is not an ISO-8601 time with offset (e.g. 2026-11-21T10:15:30Z) nor epoch milliseconds");
                return;
            }
        } else {
            reject(record, "wrong-type", "field '" + config.eventTimeField() + "' must be an ISO-8601 string or epoch milliseconds, got "
                    + typeName(time));
            return;
        }
        long now = context.currentSystemTimeMs();
        if (eventTime > now + config.maxFuture().toMillis()) {
            // Such an event would move the watermark past events that are on time, making them late.
            reject(record, "future-timestamp", "event time " + Instant.ofEpochMilli(eventTime) + " is "
                    + (eventTime - now) / 1000 + " s ahead of this instance's clock (" + Instant.ofEpochMilli(now)
                    + "); at most alertstream.event.max.future=" + config.maxFuture() + " ahead is accepted");
            return;
        }
        context.forward(new Record<>(record.key(), (Routed) new ParsedEvent(fields, eventTime, value, rules), eventTime)
                .withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()));
    }

    static long parseIsoTime(String s) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        }
    }

    static String typeName(Object v) {
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof java.util.List) {
            return "an array";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return v.getClass().getSimpleName();
    }

    private void reject(Record<byte[], byte[]> record, String type, String message) {
        deadLettered.record(1);
        context.forward(DeadLetters.record(context, record, record.key(), record.key(), record.value(), type, message, null));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.remove(deadLettered);
        }
    }
}
