package io.alertstream.topology.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract of absence rules, written as plainly as possible: one group's transitions from its
 * event times alone, with no notion of arrival order or watermarks besides the final one. Every gap of
 * at least {@code for} between consecutive events is a silence: FIRING at the event before the gap plus
 * {@code for}, then RESOLVED at the event after it, both with the window starting at the event before
 * the gap. A transition happens once the final watermark has judged it: a FIRING once it passed that
 * event plus {@code for} plus grace, a RESOLVED once it passed the event after the gap plus grace (so
 * after the last event, a silence fires and stays firing). Each transition's {@code at} is strictly
 * after the one before (an event exactly {@code for} after the previous resolves a millisecond after
 * the FIRING).
 */
final class ReferenceAbsence {
    private ReferenceAbsence() {
    }

    /** One transition in full: what {@link ReferenceJudge.Transition} holds, and when ({@code at}, {@code startsAt}). */
    record Transition(String status, String level, String previous, long windowStart, long at, long startsAt) {
    }

    static List<Transition> judge(List<Long> times, long silenceMs, long graceMs, String level, long finalWatermark) {
        List<Long> sorted = times.stream().sorted().toList();
        long known = finalWatermark - graceMs;
        List<Transition> out = new ArrayList<>();
        long lastAt = Long.MIN_VALUE;
        for (int i = 0; i < sorted.size(); i++) {
            long before = sorted.get(i);
            boolean gap = i + 1 == sorted.size() || sorted.get(i + 1) - before >= silenceMs;
            if (!gap || known < before + silenceMs) {
                continue;
            }
            long firedAt = Math.max(before + silenceMs, lastAt + 1);
            out.add(new Transition("FIRING", level, null, before, firedAt, firedAt));
            lastAt = firedAt;
            if (i + 1 < sorted.size() && known >= sorted.get(i + 1)) {
                long resolvedAt = Math.max(sorted.get(i + 1), lastAt + 1);
                out.add(new Transition("RESOLVED", null, level, before, resolvedAt, firedAt));
                lastAt = resolvedAt;
            }
        }
        return out;
    }
}
