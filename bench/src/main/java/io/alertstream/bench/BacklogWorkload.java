package io.alertstream.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A seeded backlog whose alert transitions are known in advance whatever the processing order (issue
 * #12). Many groups each walk an hour of one-minute windows: quiet (empty, a few hits, or exactly
 * {@link #WARNING}, which must not fire) until a run of CONSECUTIVE breaching windows starts, each at
 * warning (WARNING + 1 up to exactly {@link #CRITICAL}) or critical (CRITICAL + 1 and up), then a gap.
 * Filler events of another kind only move event time. {@link #expected()} is the reference model: a
 * small copy of the devstack test's {@code ExpectedTransitions} (test sources are not a dependency).
 */
final class BacklogWorkload {
    static final int WARNING = 5;
    static final int CRITICAL = 10;
    static final long WINDOW_MS = 60_000;
    static final String RULE_ID = "backlog-runs";
    static final String RULE = """
            rules:
              - id: %s
                filter: event.kind == "hit"
                group_by: [group]
                window: {size: 1m}
                aggregate: count
                triggers:
                  warning: {above: %d}
                  critical: {above: %d}
            """.formatted(RULE_ID, WARNING, CRITICAL);

    record Event(long time, byte[] json) {
    }

    /** A transition's identity: alert key, FIRING/RESOLVED, level (null when resolved), window start. */
    record Transition(String alertKey, String status, String level, long windowStart) {
    }

    final long t0;
    final List<Event> events = new ArrayList<>();
    /** Hits per group and minute (index 0 = the window starting at {@link #t0}). */
    final Map<String, int[]> hits = new LinkedHashMap<>();

    /**
     * One event of another kind, three windows after the data, for every partition to carry last: the
     * stream goes on, so the watermark passes every window of the data, and the last windows need not
     * wait for the partitions to be silent as long as those windows last.
     */
    String trailerJson() {
        int minutes = hits.values().stream().findFirst().map(c -> c.length).orElse(0);
        long time = t0 + (minutes + 3) * WINDOW_MS;
        return "{\"timestamp\":" + time + ",\"kind\":\"other\",\"group\":\"trailer\"}";
    }

    private BacklogWorkload(long t0) {
        this.t0 = t0;
    }

    /**
     * About {@code total} events over {@code minutes} from {@code start}, {@code groups} groups: one in
     * ten never breaches; the others start a run in about one quiet window in five, and a run goes on
     * with chance 0.6. Filler makes up what the groups' hits leave of {@code total}.
     */
    static BacklogWorkload generate(long seed, Instant start, int minutes, int groups, long total) {
        Random random = new Random(seed);
        BacklogWorkload w = new BacklogWorkload(start.toEpochMilli() / WINDOW_MS * WINDOW_MS);
        for (int g = 0; g < groups; g++) {
            String group = "g%04d".formatted(g);
            int[] counts = new int[minutes];
            boolean inRun = false;
            for (int m = 0; m < minutes; m++) {
                inRun = g % 10 != 0 && random.nextDouble() < (inRun ? 0.6 : 0.2);
                counts[m] = inRun ? breachingCount(random) : quietCount(random);
                for (int i = 0; i < counts[m]; i++) {
                    w.add(m, random, "hit", group);
                }
            }
            w.hits.put(group, counts);
        }
        long fillerPerMinute = Math.max(0, (total - w.events.size()) / minutes);
        for (int m = 0; m < minutes; m++) {
            for (long i = 0; i < fillerPerMinute; i++) {
                w.add(m, random, "other", "filler-" + random.nextInt(100));
            }
        }
        w.events.sort(Comparator.comparingLong(Event::time));
        return w;
    }

    private static int quietCount(Random random) {
        double r = random.nextDouble();
        return r < 0.4 ? 0 : r < 0.6 ? WARNING : 1 + random.nextInt(WARNING - 1);
    }

    private static int breachingCount(Random random) {
        double r = random.nextDouble();
        if (r < 0.25) {
            return WARNING + 1;
        }
        if (r < 0.4) {
            return CRITICAL;
        }
        if (r < 0.6) {
            return CRITICAL + 1;
        }
        return r < 0.8 ? WARNING + 2 + random.nextInt(CRITICAL - WARNING - 2) : CRITICAL + 2 + random.nextInt(3);
    }

    private void add(int minute, Random random, String kind, String group) {
        long time = t0 + minute * WINDOW_MS + random.nextInt((int) WINDOW_MS);
        events.add(new Event(time, ("{\"timestamp\":" + time + ",\"kind\":\"" + kind + "\",\"group\":\"" + group + "\"}")
                .getBytes(StandardCharsets.UTF_8)));
    }

    static String alertKey(String group) {
        return RULE_ID + "|group=\"" + group + "\"";
    }

    /**
     * The transitions the rule must emit, each group's windows judged in order (the window after the
     * last counts 0): FIRING warning at a run's first window, FIRING critical at its first critical
     * window (after warning, in the same window if need be), FIRING warning when it drops back from
     * critical, RESOLVED at the first window after the run.
     */
    Set<Transition> expected() {
        Set<Transition> out = new HashSet<>();
        hits.forEach((group, counts) -> {
            String key = alertKey(group);
            int level = 0; // 0 none, 1 warning, 2 critical
            for (int i = 0; i <= counts.length; i++) {
                int count = i < counts.length ? counts[i] : 0;
                int target = count > CRITICAL ? 2 : count > WARNING ? 1 : 0;
                long start = t0 + i * WINDOW_MS;
                if (target == 0 && level != 0) {
                    out.add(new Transition(key, "RESOLVED", null, start));
                } else if (target != level && target != 0) {
                    if (level == 0 || target == 1) {
                        out.add(new Transition(key, "FIRING", "warning", start));
                    }
                    if (target == 2) {
                        out.add(new Transition(key, "FIRING", "critical", start));
                    }
                }
                level = target;
            }
        });
        return out;
    }
}
