package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.AlertState;
import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.processors.DistinctLimit;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.WindowSpec;
import java.util.function.ToIntFunction;

/**
 * Adds one matching event (or a partial aggregate of a slot's events) to every window of its group
 * that contains it and has not closed, opening
 * windows (and registering their close) as needed. A window has closed when the watermark passed its
 * end plus grace, or when the group already judged it; an event whose every window has closed is late.
 */
final class WindowAggregator {
    /**
     * What adding an event did.
     *
     * @param droppedDistinct distinct values not counted because a window held {@link DistinctLimit} of them
     */
    record Added(boolean accepted, boolean opened, int droppedDistinct) {
    }

    private final CloseIndex closeIndex;
    private final CounterPublisher counters;
    private final DistinctLimit distinctLimit;

    WindowAggregator(CloseIndex closeIndex, CounterPublisher counters, DistinctLimit distinctLimit) {
        this.closeIndex = closeIndex;
        this.counters = counters;
        this.distinctLimit = distinctLimit;
    }

    Added add(CompiledRule rule, String alertKey, AlertState state, FanOut.Match match, long watermark) {
        int max = distinctLimit.perWindow(rule.spec().window());
        return addTo(rule, alertKey, state, match.eventTime(), watermark, w -> w.add(rule.spec().aggregation(), match, max) ? 0 : 1);
    }

    /** A partial joins the windows of its slot; they are those of every event in it. */
    Added add(CompiledRule rule, String alertKey, AlertState state, FanOut.Partial partial, long watermark) {
        int max = distinctLimit.perWindow(rule.spec().window());
        return addTo(rule, alertKey, state, partial.slotStart(), watermark,
                w -> w.merge(rule.spec().aggregation(), partial.aggregate(), max));
    }

    private Added addTo(CompiledRule rule, String alertKey, AlertState state, long t, long watermark,
                        ToIntFunction<WindowAggregate> join) {
        WindowSpec ws = rule.spec().window();
        boolean accepted = false;
        boolean opened = false;
        int dropped = 0;
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
            dropped += join.applyAsInt(w);
            counters.changed(alertKey, start);
            accepted = true;
        }
        return new Added(accepted, opened, dropped);
    }
}
