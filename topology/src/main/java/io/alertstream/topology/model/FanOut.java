package io.alertstream.topology.model;

/**
 * What the fan-out stage sends through the repartition topic to the evaluating tasks: either one
 * event's contribution to one rule and group, or a watermark from one upstream task.
 */
public sealed interface FanOut extends Routed permits FanOut.Match, FanOut.Watermark {

    /**
     * One event matched one rule. Keyed by alert key ({@code ruleId|groupKey}).
     *
     * @param fingerprint the rule's state fingerprint when the match was made, so that a task whose
     *                    catalog already holds a changed window or aggregate does not mix semantics
     * @param number      the aggregated field as a number (NaN for count and distinct_count)
     * @param hash        a 64-bit hash of the field's value, for distinct_count
     */
    record Match(long eventTime, int fingerprint, double number, long hash) implements FanOut {
    }

    /**
     * Upstream task {@code source} (of {@code sources}) has sent every record with event time below
     * {@code time}. An idle source has had no data for the idle timeout: it no longer holds the
     * watermark back, and its time advances with the wall clock so that a silent stream still closes
     * its windows.
     */
    record Watermark(int source, int sources, long time, boolean idle) implements FanOut {
    }
}
