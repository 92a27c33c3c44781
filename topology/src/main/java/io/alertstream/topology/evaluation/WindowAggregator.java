package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.GroupState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.WindowSpec;

/**
 * Adds one matching event to every window of its group that contains it and has not closed, opening
 * windows (and registering their close) as needed. A window has closed when the watermark passed its
 * end plus grace, or when the group already judged it; an event whose every window has closed is late.
 */
final class WindowAggregator {
    /** What adding an event did. */
    record Added(boolean accepted, boolean opened) {
    }

    private final CloseIndex closeIndex;
    private final CounterPublisher counters;

    WindowAggregator(CloseIndex closeIndex, CounterPublisher counters) {
        this.closeIndex = closeIndex;
        this.counters = counters;
    }

    Added add(CompiledRule rule, String alertKey, GroupState state, FanOut.Match match, long watermark) {
        WindowSpec ws = rule.spec().window();
        long t = match.eventTime();
        boolean accepted = false;
        boolean opened = false;
        for (long start = ws.lastStartFor(t); start > t - ws.sizeMs(); start -= ws.advanceMs()) {
            long closeTime = start + ws.sizeMs() + ws.graceMs();
            if (closeTime <= watermark || start <= state.lastClosedStart) {
                continue; // this window has closed: the event is late for it
            }
            WindowAggregate w = state.window(start);
            if (w == null) {
                w = state.openWindow(start);
                closeIndex.add(closeTime, start, alertKey);
                opened = true;
            }
            w.add(rule.spec().aggregation(), match);
            counters.changed(alertKey, start);
            accepted = true;
        }
        return new Added(accepted, opened);
    }
}
