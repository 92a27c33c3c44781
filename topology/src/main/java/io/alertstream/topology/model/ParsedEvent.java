package io.alertstream.topology.model;

import io.alertstream.topology.rules.RuleCatalog;
import java.util.Map;

/**
 * A well-formed input event: its JSON object, its event time and its original bytes (kept so that a
 * per-rule problem can still dead-letter the record exactly as it arrived). Lives only between the
 * processors of one task, so it needs no serde. {@code activation} is the CEL variable map, built
 * once per event rather than once per rule. {@code rules} is the rule snapshot whose
 * {@link RuleCatalog.Snapshot#fieldsRead() fields} the parser built, so fan-out evaluates the event
 * with those rules even when the catalog changes in between; null when every field was built.
 */
public record ParsedEvent(Map<String, Object> fields, long eventTime, byte[] raw, Map<String, Object> activation,
                          RuleCatalog.Snapshot rules) implements ParseResult {
    public ParsedEvent(Map<String, Object> fields, long eventTime, byte[] raw) {
        this(fields, eventTime, raw, null);
    }

    public ParsedEvent(Map<String, Object> fields, long eventTime, byte[] raw, RuleCatalog.Snapshot rules) {
        this(fields, eventTime, raw, Map.of("event", fields), rules);
    }
}
