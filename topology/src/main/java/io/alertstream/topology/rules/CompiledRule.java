package io.alertstream.topology.rules;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;

/**
 * A rule ready to evaluate: the CEL filter compiled once, field paths split once, the summary
 * template parsed once. Shared read-only by every stream thread.
 */
public final class CompiledRule {
    private final RuleSpec spec;
    private final String json;
    private final CelRuntime.Program filter;
    private final FieldPath field;
    private final FieldPath thresholdField;
    private final List<FieldPath> groupBy;
    private final SummaryTemplate summary;
    private final int stateFingerprint;
    private final List<IndexTerm> indexTerms;
    private final FieldsRead fieldsRead;

    CompiledRule(RuleSpec spec, String json, CelRuntime.Program filter, List<IndexTerm> indexTerms, FieldsRead fieldsRead) {
        this.spec = spec;
        this.fieldsRead = fieldsRead;
        this.indexTerms = List.copyOf(indexTerms);
        this.json = json;
        this.filter = filter;
        this.field = spec.field() == null ? null : new FieldPath(spec.field());
        this.thresholdField = spec.thresholdField() == null ? null : new FieldPath(spec.thresholdField());
        this.groupBy = spec.groupBy().stream().map(FieldPath::new).toList();
        this.summary = new SummaryTemplate(spec.summary());
        this.stateFingerprint = fingerprint(spec);
    }

    /**
     * Built only from values whose hash is the same in every JVM (strings, numbers): the fingerprint
     * travels in fan-out records from one instance to another, and an enum's identity hash code would
     * make every match crossing processes look stale.
     */
    static int fingerprint(RuleSpec spec) {
        WindowSpec w = spec.window();
        // The threshold field is part of what the windows hold (their threshold samples); appended only when
        // set, so rules with fixed thresholds keep the fingerprint they always had.
        String thresholds = spec.thresholdField() == null ? "" : "|threshold:" + spec.thresholdField();
        // An absence rule's state (event-time runs) means nothing to a threshold rule with the same slots, and back.
        thresholds += spec.isAbsence() ? "|absent" : "";
        return (w.sizeMs() + "|" + w.advanceMs() + "|" + w.graceMs() + "|" + spec.aggregation().name() + "|"
                + spec.field() + "|" + String.join(",", spec.groupBy()) + thresholds).hashCode();
    }

    /** The outcome of a filter on one event. */
    public enum Match { YES, NO, ERROR }

    /**
     * Evaluates the filter. An event lacking a field the filter reads does not match (no error);
     * any other evaluation failure (a type clash such as a string compared with a number) is
     * {@link Match#ERROR}, so the caller can count and log it.
     */
    public Match matches(Map<String, Object> activation) {
        if (filter == null) {
            return Match.YES;
        }
        try {
            Object result = filter.eval(activation);
            if (result instanceof Boolean b) {
                return b ? Match.YES : Match.NO;
            }
            return Match.ERROR;
        } catch (CelEvaluationException e) {
            return e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND ? Match.NO : Match.ERROR;
        } catch (RuntimeException e) {
            return Match.ERROR;
        }
    }

    /** The filter's top-level conjuncts that pin a field to literals; the catalog files the rule under one. */
    List<IndexTerm> indexTerms() {
        return indexTerms;
    }

    /** The event's top-level fields this rule reads (filter, group-by, aggregated field, threshold field). */
    public FieldsRead fieldsRead() {
        return fieldsRead;
    }

    public RuleSpec spec() {
        return spec;
    }

    public String id() {
        return spec.id();
    }

    /** The canonical JSON form of the rule, as published on the rules topic. */
    public String json() {
        return json;
    }

    public FieldPath field() {
        return field;
    }

    /** The event field each window takes its threshold from, or null when every threshold is fixed. */
    public FieldPath thresholdField() {
        return thresholdField;
    }

    public List<FieldPath> groupBy() {
        return groupBy;
    }

    public SummaryTemplate summary() {
        return summary;
    }

    /**
     * Identifies what the stored window state means: window, aggregate, field, grouping and threshold field. When it
     * changes, the rule's window state starts afresh; threshold or label edits keep it.
     */
    public int stateFingerprint() {
        return stateFingerprint;
    }
}
