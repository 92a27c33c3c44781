package io.alertstream.topology.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alertstream.topology.deadletter.DeadLetter;
import io.alertstream.topology.deadletter.DeadLetters;
import io.alertstream.topology.model.Alert;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Input: the {@code alerts} topic (JSON {@link Alert}). Output: for each owner of an alert, a
 * {@link StatusChange} keyed by that owner, which the topology writes to the status-changed topic, so
 * alerts and external producers share one path: {@code AlarmID} = the alert's {@code alertKey},
 * {@code UserID} = the owner, {@code Status} = WARNING or CRITICAL for a FIRING alert of that level and
 * CLEARED for RESOLVED, {@code ChangedAt} = the alert's {@code at}. An alert without owners yields
 * nothing. An alert that cannot be read or mapped, and each null or blank owner, goes to the dead-letter
 * topic with the reason in headers.
 */
final class AlertBridge implements Processor<byte[], byte[], String, DigestParseResult> {
    /** Lenient about fields it does not know, so alerts from a newer version still reach digests. */
    private ProcessorContext<String, DigestParseResult> context;

    @Override
    public void init(ProcessorContext<String, DigestParseResult> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        try {
            bridge(record);
        } catch (org.apache.kafka.streams.errors.StreamsException e) {
            throw e; // from the framework downstream (a fenced producer, a failed send): its handlers decide
        } catch (RuntimeException e) {
            // Not expected (every field is checked), but a throw would stop the stream thread for good.
            deadLetter(record, "unreadable", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void bridge(Record<byte[], byte[]> record) {
        if (record.value() == null || record.value().length == 0) {
            deadLetter(record, "empty", "record has no value; expected a JSON alert");
            return;
        }
        Alert alert;
        try {
            alert = Alert.fromJson(record.value());
        } catch (IOException e) {
            deadLetter(record, "malformed-alert", "not a JSON alert: " + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
            return;
        }
        if (alert == null) {
            deadLetter(record, "malformed-alert", "value is JSON null, not an alert");
            return;
        }
        if (alert.owners() == null || alert.owners().isEmpty()) {
            return;
        }
        AlarmStatus status = AlarmStatus.ofAlert(alert.status(), alert.level());
        if (status == null) {
            deadLetter(record, "unknown-alert-status", "alert " + alert.id() + " has status " + alert.status() + " and level "
                    + alert.level() + "; expected FIRING with level warning or critical, or RESOLVED");
            return;
        }
        if (alert.alertKey() == null || alert.alertKey().isBlank()) {
            deadLetter(record, "missing-alarm-id", "alert " + alert.id() + " has no alertKey to use as AlarmID");
            return;
        }
        ChangedAt at;
        try {
            at = ChangedAt.parse(String.valueOf(alert.at()));
        } catch (DateTimeParseException e) {
            deadLetter(record, "bad-changed-at", "alert " + alert.id() + " has at=" + alert.at() + ", not an RFC 3339 time");
            return;
        }
        for (int i = 0; i < alert.owners().size(); i++) {
            String owner = alert.owners().get(i);
            if (owner == null || owner.isBlank()) {
                deadLetter(record, "missing-user-id", "alert " + alert.id() + " has a null or blank owner at index " + i);
                continue;
            }
            context.forward(new Record<String, DigestParseResult>(owner, new StatusChange(owner, alert.alertKey(), status, at),
                    record.timestamp(), new RecordHeaders()));
        }
    }

    private void deadLetter(Record<byte[], byte[]> record, String type, String message) {
        Record<String, DeadLetter> dead = DeadLetters.record(context, record, null, record.key(), record.value(), type,
                MalformedInput.clip(message), null);
        context.forward(dead.withValue((DigestParseResult) dead.value()));
    }
}
