package io.alertstream.topology.model;

import java.util.Map;

/**
 * A well-formed input event: its JSON object, its event time and its original bytes (kept so that a
 * per-rule problem can still dead-letter the record exactly as it arrived). Lives only between the
 * processors of one task, so it needs no serde. {@code activation} is the CEL variable map, built
 * once per event rather than once per rule.
 */
public record ParsedEvent(Map<String, Object> fields, long eventTime, byte[] raw, Map<String, Object> activation)
        implements Routed {
    public ParsedEvent(Map<String, Object> fields, long eventTime, byte[] raw) {
        this(fields, eventTime, raw, Map.of("event", fields));
    }
}
