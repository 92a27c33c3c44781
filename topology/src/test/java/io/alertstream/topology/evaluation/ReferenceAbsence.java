package io.alertstream.topology.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract of absence rules, written as plainly as possible: one group's transitions from its
 * event times alone, with no notion of arrival order or watermarks. Every gap of at least {@code for}
 * between consecutive events is a silence: FIRING then RESOLVED, both with the window starting at the
 * event before the gap. After the last event, a silence the final watermark has judged (it passed the
 * last event plus {@code for} plus grace) fires and stays firing.
 */
final class ReferenceAbsence {
    private ReferenceAbsence() {
    }

    static List<ReferenceJudge.Transition> judge(List<Long> times, long silenceMs, long graceMs, String level, long finalWatermark) {
        List<Long> sorted = times.stream().sorted().toList();
        List<ReferenceJudge.Transition> out = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i++) {
            if (sorted.get(i + 1) - sorted.get(i) >= silenceMs) {
                out.add(new ReferenceJudge.Transition("FIRING", level, null, sorted.get(i)));
                out.add(new ReferenceJudge.Transition("RESOLVED", null, level, sorted.get(i)));
            }
        }
        long last = sorted.get(sorted.size() - 1);
        if (finalWatermark - graceMs >= last + silenceMs) {
            out.add(new ReferenceJudge.Transition("FIRING", level, null, last));
        }
        return out;
    }
}
