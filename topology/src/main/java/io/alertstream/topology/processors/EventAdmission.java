package io.alertstream.topology.processors;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.alertstream.topology.AlertTopologyConfig;
import io.alertstream.topology.deadletter.DeadLetterReasons;
import io.alertstream.topology.rules.FieldsRead;
import java.io.IOException;
import java.util.Map;

/**
 * Whether an event's value is one the engine processes or one it dead-letters, and why: the one check
 * {@link EventParser} applies to every input record and the API applies before it produces an event, so
 * the API never accepts what the engine would dead-letter. Pure: no I/O, no clock of its own.
 *
 * <p>Refused (reason from {@link DeadLetterReasons}): a value that is empty, larger than
 * {@code alertstream.event.max.bytes}, not JSON, not a JSON object, holding a number beyond a double's
 * range in a field that is read, or whose event time ({@link EventTime}) is missing, of the wrong type,
 * unparsable or outside {@code [0, now + alertstream.event.max.future]}.
 */
public final class EventAdmission {

    /**
     * The outcome: accepted ({@code reason == null}) with the fields built and the event time, or refused
     * with a dead-letter reason and a message saying what was wrong.
     */
    public record Verdict(Map<String, Object> fields, long eventTime, String reason, String message) {
        public boolean accepted() {
            return reason == null;
        }

        static Verdict refused(String reason, String message) {
            return new Verdict(null, -1, reason, message);
        }
    }

    private EventAdmission() {
    }

    /**
     * Checks every field (the strictest reading: a field no rule reads yet may be read by the next rule).
     *
     * @param recordTimestamp the timestamp the record carries (or will carry), used when the time field is absent
     * @param now             the wall clock, epoch milliseconds
     */
    public static Verdict check(byte[] value, AlertTopologyConfig config, long recordTimestamp, long now) {
        return check(value, config, FieldsRead.ALL, recordTimestamp, now);
    }

    /** Checks and builds only the fields {@code read} names, plus the time field. */
    static Verdict check(byte[] value, AlertTopologyConfig config, FieldsRead read, long recordTimestamp, long now) {
        if (value == null || value.length == 0) {
            return Verdict.refused(DeadLetterReasons.EMPTY, "record has no value");
        }
        if (value.length > config.maxEventBytes()) {
            return Verdict.refused(DeadLetterReasons.OVERSIZE, "value of " + value.length
                    + " bytes exceeds alertstream.event.max.bytes=" + config.maxEventBytes());
        }
        Map<String, Object> fields;
        try {
            fields = EventReader.read(value, read, config.eventTimeField());
        } catch (EventReader.NotAnObject e) {
            return Verdict.refused(DeadLetterReasons.NOT_AN_OBJECT, e.getMessage());
        } catch (EventReader.NonFiniteNumber e) {
            return Verdict.refused(DeadLetterReasons.NON_FINITE_NUMBER, e.getMessage());
        } catch (JsonProcessingException e) {
            return Verdict.refused(DeadLetterReasons.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            return Verdict.refused(DeadLetterReasons.MALFORMED_JSON, "unreadable value: " + e.getMessage());
        }
        Object time = EventTime.resolve(fields.get(config.eventTimeField()), config.eventTimeField(), recordTimestamp, now,
                config.maxFuture());
        if (time instanceof EventTime.Rejection r) {
            return Verdict.refused(r.reason(), r.message());
        }
        return new Verdict(fields, (Long) time, null, null);
    }
}
