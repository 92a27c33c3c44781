package io.alertstream.topology.evaluation;

import io.alertstream.topology.model.AbsenceState;
import io.alertstream.topology.rules.Absence;
import io.alertstream.topology.rules.CompiledRule;
import io.alertstream.topology.rules.Level;
import java.util.List;

/**
 * Judges one group of an absence rule on the watermark, never on the wall clock. The group's matching
 * event times are kept as runs (see {@link AbsenceState}); a <b>silence</b> is a span of at least
 * {@code for} after an event with no matching event in it.
 *
 * <ul>
 *   <li>A silence after the event at {@code T} is <b>final</b> once every event before {@code T + for} has
 *   arrived: once the watermark reaches {@code T + for + grace}, since an event more than grace behind the
 *   watermark is late and dropped. Then the alert fires, stamped {@code T + for}.</li>
 *   <li>So whether and when a group fires is a function of its events and their timestamps: an event
 *   that arrives out of order but within grace joins its runs wherever it falls, and a backlog read long
 *   after the fact only delays the judgement.</li>
 *   <li>A firing alert resolves at the group's earliest matching event after the silence, at {@code E},
 *   stamped {@code E}. Within grace an earlier event may arrive after a later one, so the resolution is
 *   final, and made, only once the watermark reaches {@code E + grace}: then every event before {@code E}
 *   has arrived or is late. Resolving at the first event to arrive would stamp whichever came first.</li>
 * </ul>
 *
 * <p>So every transition, {@code at} included, is a function of the events and their timestamps; the
 * price is that a resolution waits for the watermark (grace plus the watermark's lag), as a firing does.
 */
final class AbsenceJudge {
    /**
     * The most runs one group keeps: they are at least {@code for} apart and all ahead of the watermark, so
     * only a watermark held back for many times {@code for} (a stalled partition) makes many. Past this,
     * the two newest runs merge and the silence between them is not judged.
     */
    static final int MAX_RUNS = 100;

    private final GroupJudge.Transitions out;

    AbsenceJudge(GroupJudge.Transitions out) {
        this.out = out;
    }

    /** The watermark below which an event of this rule is late: {@code grace} behind the watermark. */
    static long known(Absence a, long watermark) {
        return watermark == Long.MIN_VALUE ? Long.MIN_VALUE : watermark - a.graceMs();
    }

    /**
     * Adds matching events with times from {@code first} to {@code last}, less than {@code for} apart (one
     * match, or a partial of one slot), none before {@link #known}. A firing alert resolves once the
     * watermark makes the earliest of them final ({@link #judge}).
     */
    void add(CompiledRule rule, AbsenceState state, long first, long last) {
        long s = rule.spec().absence().silenceMs();
        List<long[]> runs = state.runs;
        int i = 0;
        while (i < runs.size() && runs.get(i)[0] <= first) {
            i++;
        }
        runs.add(i, new long[] {first, last});
        // Merge neighbours less than `for` apart: no silence between them.
        for (int j = Math.max(0, i - 1); j + 1 < runs.size(); ) {
            long[] a = runs.get(j);
            long[] b = runs.get(j + 1);
            if (b[0] - a[1] < s) {
                a[1] = Math.max(a[1], b[1]);
                runs.remove(j + 1);
            } else if (j >= i) {
                break;
            } else {
                j++;
            }
        }
        if (runs.size() > MAX_RUNS) {
            long[] newest = runs.remove(runs.size() - 1);
            long[] before = runs.get(runs.size() - 1);
            before[1] = Math.max(before[1], newest[1]);
        }
    }

    /** Judges every silence made final by the watermark; returns the watermark the group is due at next, or MIN_VALUE. */
    long judge(CompiledRule rule, String alertKey, AbsenceState state, long watermark) {
        Absence a = rule.spec().absence();
        long known = known(a, watermark);
        List<long[]> runs = state.runs;
        while (!runs.isEmpty()) {
            long last = runs.get(0)[1];
            if (known == Long.MIN_VALUE || known - a.silenceMs() < last) {
                break; // an event before last + for may still come
            }
            if (state.level == null) {
                fire(rule, alertKey, state, a.level(), last, last + a.silenceMs());
            }
            if (runs.size() == 1) {
                break; // silent still: firing until an event comes
            }
            long resumed = runs.get(1)[0];
            if (known < resumed) {
                break; // an event before `resumed`, and after the silence, may still come: it would resolve earlier
            }
            resolve(rule, alertKey, state, resumed);
            runs.remove(0);
        }
        if (runs.isEmpty() || (state.level != null && runs.size() == 1)) {
            return Long.MIN_VALUE; // a firing group with no event since waits in no index: only an event can change it
        }
        long due = runs.get(0)[1] + a.silenceMs();
        if (state.level != null) {
            // Firing, with events after the silence: due when the earliest of them is final. (After a change
            // of `for` the silence itself may not be final yet: the later of the two.)
            due = Math.max(due, runs.get(1)[0]);
        }
        return due + a.graceMs();
    }

    /** The rule was deleted or disabled: a firing alert resolves at the watermark. */
    void retire(CompiledRule rule, String alertKey, AbsenceState state, long watermark) {
        if (state.level != null) {
            resolve(rule, alertKey, state, Math.max(watermark, state.firingSince));
        }
    }

    private void fire(CompiledRule rule, String alertKey, AbsenceState state, Level level, long silentFrom, long at) {
        long stamped = stamp(state, at);
        state.level = level;
        state.silentFrom = silentFrom;
        state.firingSince = stamped;
        out.emit(AlertFactory.absence(rule, alertKey, null, level, silentFrom, stamped, stamped), stamped);
    }

    private void resolve(CompiledRule rule, String alertKey, AbsenceState state, long at) {
        long stamped = stamp(state, at);
        Level previous = state.level;
        state.level = null;
        out.emit(AlertFactory.absence(rule, alertKey, previous, null, state.silentFrom, stamped, state.firingSince), stamped);
        state.silentFrom = Long.MIN_VALUE;
    }

    private static long stamp(AbsenceState state, long at) {
        long stamped = state.lastTransitionAt == Long.MIN_VALUE ? at : Math.max(at, state.lastTransitionAt + 1);
        state.lastTransitionAt = stamped;
        return stamped;
    }
}
