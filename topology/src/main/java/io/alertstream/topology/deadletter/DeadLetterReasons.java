package io.alertstream.topology.deadletter;

import java.util.List;

/**
 * Every reason an event goes to the events dead-letter topic, as written in the
 * {@code alertstream.error.type} header. These names are a contract with whoever reads that topic
 * (alerting on it, replay tools): never rename one, only add. The digest sub-topology's own
 * dead-letter topic has its reasons in {@code digest/}.
 */
public final class DeadLetterReasons {
    /** The record has no value (null or zero bytes). */
    public static final String EMPTY = "empty";
    /** The value is larger than {@code alertstream.event.max.bytes}. */
    public static final String OVERSIZE = "oversize";
    /** The value is not JSON (or breaks Jackson's limits: nesting depth, number length). */
    public static final String MALFORMED_JSON = "malformed-json";
    /** The value is JSON but not an object. */
    public static final String NOT_AN_OBJECT = "not-an-object";
    /** The time field is a string that is not an ISO-8601 time with offset. */
    public static final String BAD_TIMESTAMP = "bad-timestamp";
    /** The time field, or a rule's aggregated field, has the wrong JSON type (the latter names the rule). */
    public static final String WRONG_TYPE = "wrong-type";
    /** The event time is more than {@code alertstream.event.max.future} ahead of the wall clock, or past year 292278994. */
    public static final String FUTURE_TIMESTAMP = "future-timestamp";
    /** The event time is before 1970-01-01T00:00:00Z: Kafka refuses negative record timestamps. */
    public static final String NEGATIVE_TIMESTAMP = "negative-timestamp";
    /** A field the rules read holds a number beyond a double's range (1e400, a 400-digit integer). */
    public static final String NON_FINITE_NUMBER = "non-finite-number";
    /** A rule's group_by value is longer than {@code alertstream.event.max.group.value.bytes} (names the rule). */
    public static final String GROUP_VALUE_TOO_LARGE = "group-value-too-large";
    /** A processor threw on the record: a bug; the exception handler skipped the record. */
    public static final String PROCESSING_ERROR = "processing-error";
    /** A record of an input or internal topic could not be deserialized; the exception handler skipped it. */
    public static final String DESERIALIZATION_ERROR = "deserialization-error";
    /** An output record could not be serialized or was refused by the producer or broker (a reference, without its value). */
    public static final String PRODUCTION_ERROR = "production-error";

    /** All of them, in the order above. */
    public static final List<String> ALL = List.of(EMPTY, OVERSIZE, MALFORMED_JSON, NOT_AN_OBJECT, BAD_TIMESTAMP, WRONG_TYPE,
            FUTURE_TIMESTAMP, NEGATIVE_TIMESTAMP, NON_FINITE_NUMBER, GROUP_VALUE_TOO_LARGE, PROCESSING_ERROR,
            DESERIALIZATION_ERROR, PRODUCTION_ERROR);

    private DeadLetterReasons() {
    }
}
