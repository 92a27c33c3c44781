package io.alertstream.topology.model;

/**
 * What the fan-out stage sends through the repartition topic to the evaluating tasks: either one
 * event's contribution to one rule and group, or a watermark from one upstream task.
 */
public sealed interface FanOut extends ParseResult permits FanOut.Match, FanOut.Partial, FanOut.Watermark {

    /**
     * One event matched one rule. Keyed by alert key ({@code ruleId|groupKey}).
     *
     * @param fingerprint the rule's state fingerprint when the match was made, so that a task whose
     *                    catalog already holds a changed window or aggregate does not mix semantics
     * @param number      the aggregated field as a number (NaN for count and distinct_count)
     * @param hash        a 64-bit hash of the field's value, for distinct_count
     * @param threshold   the event's value of the rule's threshold field (NaN when the rule has none, or
     *                    the event carries no number there)
     */
    record Match(long eventTime, int fingerprint, double number, long hash, double threshold) implements FanOut {
        /** A match of a rule whose thresholds are all fixed. */
        public Match(long eventTime, int fingerprint, double number, long hash) {
            this(eventTime, fingerprint, number, hash, Double.NaN);
        }
    }

    /**
     * Several events of one rule and group that fall into one slot of its windows, pre-aggregated by an
     * upstream task (see PreAggregator). A slot is the span of event time whose events all belong to
     * the same windows (the gcd of window size and advance), so the partial joins exactly the windows
     * each of its events would have joined. Keyed by alert key.
     *
     * @param slotStart    start of the slot
     * @param lastEventTime the newest event time in it (the event time of a decision it brings about)
     * @param aggregate    the partial aggregate; its start is the slot start
     */
    record Partial(long slotStart, int fingerprint, long lastEventTime, WindowAggregate aggregate) implements FanOut {
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
