package io.alertstream.topology.silence;

import io.alertstream.topology.routing.LabelMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The silences in force, shared by the global thread that reads the {@code silences} topic and the stream
 * threads that notify. Answers which silences hold back an alert now, and whether one still does.
 *
 * <p>A silence is <b>active</b> from {@code starts_at} (inclusive; none = from the start) until {@code ends_at}
 * (exclusive). An {@code until: resolved} silence also keeps its <b>matched set</b>: the alerts firing when it
 * starts that it matches (taken from {@link FiringAlerts} at its first check after {@code starts_at}), and every
 * alert that starts firing, or changes, while it is active and matches it. An alert leaves the set when it
 * resolves. The silence ends at the first moment its matched set, having held at least one alert, is empty;
 * until it matched anything it waits (bounded by {@code ends_at} when one is given). The engine then writes
 * the silence back with {@code ends_at} and {@code ended_by: resolved} ({@code SilenceNotifier}), so the end is
 * kept across restarts, where the in-memory matched set is rebuilt from the firing alerts; and once it has matched,
 * it writes {@code <id>#matched} beside it, so a restart before the end knows it has matched (an empty rebuilt set
 * then means it is over, not that it waits for a first match).
 */
public final class SilenceCatalog {
    private final FiringAlerts firing;
    private final Map<String, Entry> byId = new LinkedHashMap<>();
    /** Silence id to the {@link #version} of it that has matched an alert ({@link #MATCHED_SUFFIX} records). */
    private final Map<String, String> matchedMarks = new java.util.HashMap<>();

    /** The key suffix of the record saying an until-resolved silence has matched: {@code <id>#matched}, value its {@link #version}. */
    public static final String MATCHED_SUFFIX = "#matched";

    private static final class Entry {
        Silence silence;
        List<LabelMatcher> matchers;
        long start;
        long end;
        boolean seeded;
        boolean matchedEver;
        final Set<String> matched = new HashSet<>();
    }

    public SilenceCatalog(FiringAlerts firing) {
        this.firing = firing;
    }

    /** The firing alerts this catalog judges {@code until: resolved} silences by (inhibitions read them too). */
    public FiringAlerts firing() {
        return firing;
    }

    /** Adds or replaces a silence (valid, see {@link SilenceValidator}); an {@code until: resolved} one keeps its matched set. */
    public synchronized void put(Silence s) {
        Entry e = byId.get(s.id());
        // Its matched set survives a change of the end or the comment (an expiry, the engine's own write-back), not of
        // what it matches or when it starts: that is a new silence under the same id.
        if (e == null || !s.untilResolved() || !s.matchers().equals(e.silence.matchers())
                || !java.util.Objects.equals(s.startsAt(), e.silence.startsAt())) {
            e = new Entry();
            byId.put(s.id(), e);
        }
        e.silence = s;
        if (s.untilResolved() && version(s).equals(matchedMarks.get(s.id()))) {
            e.matchedEver = true;
        }
        e.matchers = s.matchers().stream().map(m -> LabelMatcher.parse(m).matcher()).toList();
        e.start = s.startsAt() == null ? Long.MIN_VALUE : Instant.parse(s.startsAt()).toEpochMilli();
        e.end = s.endsAt() == null ? Long.MAX_VALUE : Instant.parse(s.endsAt()).toEpochMilli();
    }

    public synchronized void remove(String id) {
        byId.remove(id);
    }

    /**
     * What defines an until-resolved silence's matched set: its matchers and start. A change of either makes a new set
     * (see {@link #put}); the {@link #MATCHED_SUFFIX} record names the version it is about.
     */
    public static String version(Silence s) {
        return s.startsAt() + "|" + String.join("\u0000", s.matchers());
    }

    /** A {@link #MATCHED_SUFFIX} record: this version of the silence has matched (kept across restarts); null removes it. */
    public synchronized void markMatched(String id, String version) {
        if (version == null) {
            matchedMarks.remove(id);
            return;
        }
        matchedMarks.put(id, version);
        Entry e = byId.get(id);
        if (e != null && e.silence.untilResolved() && version.equals(version(e.silence))) {
            e.matchedEver = true;
        }
    }

    /** Whether an until-resolved silence has matched an alert, but no {@link #MATCHED_SUFFIX} record says so yet. */
    public synchronized boolean matchedUnrecorded(String id, long now) {
        Entry e = byId.get(id);
        if (e == null || !e.silence.untilResolved() || now < e.start) {
            return false;
        }
        resolvedAway(e, now); // seeds it
        return e.matchedEver && !version(e.silence).equals(matchedMarks.get(id));
    }

    public synchronized Silence get(String id) {
        Entry e = byId.get(id);
        return e == null ? null : e.silence;
    }

    public synchronized List<Silence> all() {
        return byId.values().stream().map(e -> e.silence).toList();
    }

    public synchronized boolean active(String id, long now) {
        Entry e = byId.get(id);
        return e != null && active(e, now);
    }

    /** Whether the silence has started ({@code starts_at} reached). */
    public synchronized boolean started(String id, long now) {
        Entry e = byId.get(id);
        return e != null && now >= e.start;
    }

    /** Whether an {@code until: resolved} silence ended because everything it matched resolved. */
    public synchronized boolean resolvedAway(String id, long now) {
        Entry e = byId.get(id);
        return e != null && e.silence.untilResolved() && now >= e.start && resolvedAway(e, now);
    }

    /** The ids of the active silences matching these labels ({@link MatchLabels}). */
    public synchronized List<String> silencing(Map<String, String> labels, long now) {
        List<String> out = new ArrayList<>();
        for (Entry e : byId.values()) {
            if (LabelMatcher.all(e.matchers, labels) && active(e, now)) {
                out.add(e.silence.id());
            }
        }
        return out;
    }

    /** A firing alert was seen (new or changed): it joins the matched set of the active until-resolved silences it matches. */
    public synchronized void alertFiring(String alertKey, Map<String, String> labels, long now) {
        for (Entry e : byId.values()) {
            if (e.silence.untilResolved() && active(e, now) && LabelMatcher.all(e.matchers, labels)) {
                e.matched.add(alertKey);
                e.matchedEver = true;
            }
        }
    }

    /** An alert resolved: it leaves every matched set. */
    public synchronized void alertResolved(String alertKey) {
        for (Entry e : byId.values()) {
            e.matched.remove(alertKey);
        }
    }

    private boolean active(Entry e, long now) {
        return now >= e.start && now < e.end && !(e.silence.untilResolved() && resolvedAway(e, now));
    }

    private boolean resolvedAway(Entry e, long now) {
        if (!e.seeded && now >= e.start) {
            e.seeded = true;
            firing.forEach((key, labels) -> {
                if (LabelMatcher.all(e.matchers, labels)) {
                    e.matched.add(key);
                    e.matchedEver = true;
                }
            });
        }
        return e.matchedEver && e.matched.isEmpty();
    }
}
