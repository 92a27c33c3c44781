package io.alertstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A seeded backlog whose alerts are known in advance whatever the processing order (the idea of the
 * devstack {@code Workload} test fixture, copied here because test sources are not a dependency):
 * each minute has a few "breach" groups with more than {@link #THRESHOLD} hits, a few "edge" groups
 * with exactly THRESHOLD (must not fire) and filler events of another kind that only move event
 * time. Group names are unique per minute, so each breach group is one expected alert window. A
 * wrongly dropped late event turns a breach group that is one over into a missing alert.
 */
final class BacklogWorkload {
    static final int THRESHOLD = 20;
    static final String RULE_ID = "backlog-hits";
    static final String RULE = """
            rules:
              - id: %s
                filter: event.kind == "hit"
                group_by: [group]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: %d}
            """.formatted(RULE_ID, THRESHOLD);

    record Event(long time, byte[] json) {
    }

    final List<Event> events = new ArrayList<>();
    final Set<String> breachGroups = new HashSet<>();

    /** About {@code total} events over {@code minutes} minutes of event time from {@code start}. */
    static BacklogWorkload generate(long seed, Instant start, int minutes, long total) {
        int breachPerMinute = 5;
        int filler = (int) Math.max(0, total / minutes - breachPerMinute * 26L - 3L * THRESHOLD);
        Random random = new Random(seed);
        BacklogWorkload w = new BacklogWorkload();
        long t0 = start.toEpochMilli() / 60_000 * 60_000;
        for (int m = 0; m < minutes; m++) {
            long minute = t0 + m * 60_000L;
            for (int g = 0; g < breachPerMinute; g++) {
                String group = "m" + m + "-breach-" + g;
                w.breachGroups.add(group);
                int hits = THRESHOLD + 1 + (g == 0 ? 0 : random.nextInt(10)); // g0 is exactly one over
                for (int i = 0; i < hits; i++) {
                    w.add(minute + random.nextInt(60_000), "hit", group);
                }
            }
            for (int g = 0; g < 3; g++) {
                for (int i = 0; i < THRESHOLD; i++) {
                    w.add(minute + random.nextInt(60_000), "hit", "m" + m + "-edge-" + g);
                }
            }
            for (int i = 0; i < filler; i++) {
                w.add(minute + random.nextInt(60_000), "other", "filler-" + random.nextInt(100));
            }
        }
        w.events.sort(Comparator.comparingLong(Event::time));
        return w;
    }

    private void add(long time, String kind, String group) {
        events.add(new Event(time, ("{\"timestamp\":" + time + ",\"kind\":\"" + kind + "\",\"group\":\"" + group + "\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    /** The group of an alert key {@code backlog-hits|group="m3-breach-1"}, or null for anything else. */
    static String groupOf(String alertKey) {
        String prefix = RULE_ID + "|group=\"";
        if (alertKey == null || !alertKey.startsWith(prefix) || !alertKey.endsWith("\"")) {
            return null;
        }
        return alertKey.substring(prefix.length(), alertKey.length() - 1);
    }
}
