package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.FanOut;
import io.alertstream.topology.model.GroupState;
import io.alertstream.topology.model.WindowAggregate;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.WindowSpec;
import java.util.function.Consumer;

/**
 * Adds one matching event (or a partial aggregate of a slot's events) to every window of its group
 * that contains it and has not closed, opening
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
        return addTo(rule, alertKey, state, match.eventTime(), watermark, w -> w.add(rule.spec().aggregation(), match));
    }

    /** A partial joins the windows of its slot; they are those of every event in it. */
    Added add(CompiledRule rule, String alertKey, GroupState state, FanOut.Partial partial, long watermark) {
        return addTo(rule, alertKey, state, partial.slotStart(), watermark,
                w -> w.merge(rule.spec().aggregation(), partial.aggregate()));
    }

    private Added addTo(CompiledRule rule, String alertKey, GroupState state, long t, long watermark,
                        Consumer<WindowAggregate> join) {
        WindowSpec ws = rule.spec().window();
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
            join.accept(w);
            counters.changed(alertKey, start);
            accepted = true;
        }
        return new Added(accepted, opened);
    }
}
