package io.alertstream.devstack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The digest contract written plainly, as the reference for what a digest consumer must see. Input:
 * status changes and digest requests in the order the digest processor handles them. Output: for each
 * request, the digest rendered as {@code "AlarmID Status LatestChangedAt"} entries joined by {@code "; "}.
 *
 * <p>Rules: per (user, alarm), a change is taken only when its ChangedAt is later than the last one
 * taken (older or equal: ignored). A digest lists each active (WARNING/CRITICAL) alarm that no earlier
 * digest reported, or whose taken history since the report holds a status other than the reported
 * one, ordered by LatestChangedAt then AlarmID; LatestChangedAt is the taken ChangedAt text as received.
 */
final class DigestModel {
    private record Taken(String status, Instant at, String text) {
    }

    private final Map<String, Map<String, List<Taken>>> histories = new HashMap<>();
    /** Per user and alarm, the index in the alarm's history of the change the last digest reported. */
    private final Map<String, Map<String, Integer>> reportedAt = new HashMap<>();

    void apply(DigestWorkload.Change c) {
        List<Taken> h = histories.computeIfAbsent(c.user(), u -> new TreeMap<>()).computeIfAbsent(c.alarm(), a -> new ArrayList<>());
        if (h.isEmpty() || c.at().isAfter(h.get(h.size() - 1).at())) {
            h.add(new Taken(c.status(), c.at(), c.text()));
        }
    }

    /** The digest a request of {@code user} yields now; marks what it lists as reported. */
    String digest(String user) {
        Map<String, Integer> reported = reportedAt.computeIfAbsent(user, u -> new HashMap<>());
        List<Map.Entry<String, Taken>> listed = new ArrayList<>();
        histories.getOrDefault(user, Map.of()).forEach((alarm, h) -> {
            if (isNews(h, reported.get(alarm))) {
                listed.add(Map.entry(alarm, h.get(h.size() - 1)));
                reported.put(alarm, h.size() - 1);
            }
        });
        listed.sort(Comparator.<Map.Entry<String, Taken>, Instant>comparing(e -> e.getValue().at()).thenComparing(Map.Entry::getKey));
        return String.join("; ", listed.stream().map(e -> render(e.getKey(), e.getValue().status(), e.getValue().text())).toList());
    }

    /**
     * The alarms that are active and already reported in their current status, with the length of their
     * history: a digest would list them again if the record of what was sent were lost.
     */
    Map<String, Integer> quietAlarms() {
        Map<String, Integer> quiet = new TreeMap<>();
        histories.forEach((user, alarms) -> alarms.forEach((alarm, h) -> {
            Integer r = reportedAt.getOrDefault(user, Map.of()).get(alarm);
            if (r != null && !isNews(h, r) && !h.get(h.size() - 1).status().equals("CLEARED")) {
                quiet.put(user + " " + alarm, h.size());
            }
        }));
        return quiet;
    }

    /**
     * How many of {@code quiet} took newer changes since, all in the reported status: the next digest must
     * leave them out, where an instance that lost the record of what was sent would list them again.
     */
    int stillQuietDespiteNewChanges(Map<String, Integer> quiet) {
        Map<String, Integer> now = quietAlarms();
        return (int) quiet.entrySet().stream().filter(e -> now.getOrDefault(e.getKey(), 0) > e.getValue()).count();
    }

    private static boolean isNews(List<Taken> h, Integer reported) {
        if (h.get(h.size() - 1).status().equals("CLEARED")) {
            return false;
        }
        return reported == null || h.subList(reported, h.size()).stream().anyMatch(t -> !t.status().equals(h.get(reported).status()));
    }

    static String render(String alarm, String status, String latestChangedAt) {
        return alarm + " " + status + " " + latestChangedAt;
    }
}
