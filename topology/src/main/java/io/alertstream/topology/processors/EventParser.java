package io.alertstream.topology.processors;

import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.ParsedEvent;
import io.alertstream.topology.model.ParseResult;
import io.alertstream.topology.rules.FieldsRead;
import io.alertstream.topology.rules.RuleCatalog;
import io.alertstream.topology.support.AlertMetrics;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input: raw event records (any key, value bytes). Output: a {@link ParsedEvent} (the JSON object and
 * its event time, as the record timestamp too) or, for a value that is empty, oversize, not JSON, not a
 * JSON object, that holds a number beyond a double's range in a field the rules read, or whose event
 * time is missing, of the wrong type, unparsable or outside {@code [0, now + max.future]} ({@link EventTime}),
 * a dead-letter record with the reason ({@link DeadLetterReasons}) in headers. Nothing throws: one bad
 * record never stops the stream. Only the fields the rules read are built ({@link EventReader}); the
 * others are checked and skipped. The checks are {@link EventAdmission}'s, which the API applies too.
 */
public final class EventParser implements Processor<byte[], byte[], byte[], ParseResult> {
    private final AlertTopologyConfig config;
    private final RuleCatalog catalog;
    private ProcessorContext<byte[], ParseResult> context;
    private AlertMetrics metrics;
    private AlertMetrics.Totals deadLettered;
    private Sensor parsed;

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
    public void init(ProcessorContext<byte[], ParseResult> context) {
        this.context = context;
        this.metrics = new AlertMetrics(context.metrics(), context.taskId(), "parse");
        this.deadLettered = metrics.totals("dead-lettered", "Input records sent to the dead-letter topic, by reason", "reason");
        // Every input record is counted once, here or in dead-lettered: the two add up to what was read.
        this.parsed = metrics.total("parsed", "Input records parsed into events and passed on to the rules");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RuleCatalog.Snapshot rules = catalog == null ? null : catalog.current();
        EventAdmission.Verdict verdict = EventAdmission.check(record.value(), config, rules == null ? FieldsRead.ALL : rules.fieldsRead(),
                record.timestamp(), context.currentSystemTimeMs());
        if (!verdict.accepted()) {
            reject(record, verdict.reason(), verdict.message());
            return;
        }
        byte[] value = record.value();
        Map<String, Object> fields = verdict.fields();
        long eventTime = verdict.eventTime();
        parsed.record(1);
        context.forward(new Record<>(record.key(), (ParseResult) new ParsedEvent(fields, eventTime, value, rules), eventTime)
                .withHeaders(new org.apache.kafka.common.header.internals.RecordHeaders()));
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
        deadLettered.record(1, type);
        context.forward(DeadLetters.record(context, record, record.key(), record.key(), record.value(), type, message, null));
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
    }
}
