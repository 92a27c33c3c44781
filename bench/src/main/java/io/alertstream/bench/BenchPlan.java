package io.alertstream.bench;

import java.time.Duration;
import java.util.List;

/**
 * How big a run is. {@link #quick()} fits in a few minutes (one repetition, smaller inputs, the
 * million-key scenario scaled down to 50k keys, JMH in-process); {@link #full()} is the published
 * run (3 repetitions, a million keys, forked JMH). Both measure 10,000 equality rules: with the rule
 * index an event costs one filter whatever the count, and compiling them takes seconds, so the quick
 * run affords the full size (the scenario and its load times took about a minute of a quick
 * run on 2 busy cores).
 *
 * @param reps              repetitions of every system measurement
 * @param rawRecords        records per raw produce/consume repetition
 * @param events            pre-loaded events for the rule-count and 1k-key scenarios
 * @param bigKeys           distinct keys of the many-keys scenario (its events: max(events, bigKeys))
 * @param ruleCounts        rule counts measured with 1k keys
 * @param equalityRules     rules of the equality scenario ({@code event.service == "svc-i"}, 1k keys) and of the
 *                          rule load-time rows
 * @param commitIntervals   commit.interval.ms values for the latency/throughput trade-off
 * @param latencyDuration   probing time per latency repetition
 * @param probesPerSec      probe events per second
 * @param backlogEvents     events in the backlog catch-up run
 * @param connectorEsDocs   documents per Elasticsearch sink repetition (section 5)
 * @param connectorRedisWrites counter updates per Redis sink repetition (section 5)
 */
public record BenchPlan(String mode, int reps, long rawRecords, long events, int bigKeys, List<Integer> ruleCounts,
                        int equalityRules, List<Integer> commitIntervals, Duration latencyDuration, double probesPerSec,
                        long backlogEvents, int connectorEsDocs, int connectorRedisWrites, boolean quickJmh) {

    public static BenchPlan quick() {
        return new BenchPlan("quick", 1, 100_000, 30_000, 50_000, List.of(1, 10, 100), 10_000, List.of(100, 500, 1000),
                Duration.ofSeconds(8), 20, 30_000, 20_000, 50_000, true);
    }

    public static BenchPlan full() {
        return new BenchPlan("full", 3, 500_000, 200_000, 1_000_000, List.of(1, 10, 100), 10_000, List.of(100, 500, 1000),
                Duration.ofSeconds(30), 25, 2_000_000, 200_000, 500_000, false);
    }

    public BenchPlan withReps(int n) {
        return new BenchPlan(mode, n, rawRecords, events, bigKeys, ruleCounts, equalityRules, commitIntervals,
                latencyDuration, probesPerSec, backlogEvents, connectorEsDocs, connectorRedisWrites, quickJmh);
    }

    public BenchPlan withEvents(long n) {
        return new BenchPlan(mode, reps, rawRecords, n, bigKeys, ruleCounts, equalityRules, commitIntervals,
                latencyDuration, probesPerSec, backlogEvents, connectorEsDocs, connectorRedisWrites, quickJmh);
    }

    public BenchPlan withBigKeys(int n) {
        return new BenchPlan(mode, reps, rawRecords, events, n, ruleCounts, equalityRules, commitIntervals,
                latencyDuration, probesPerSec, backlogEvents, connectorEsDocs, connectorRedisWrites, quickJmh);
    }

    public BenchPlan withLatencyDuration(Duration d) {
        return new BenchPlan(mode, reps, rawRecords, events, bigKeys, ruleCounts, equalityRules, commitIntervals,
                d, probesPerSec, backlogEvents, connectorEsDocs, connectorRedisWrites, quickJmh);
    }

    public BenchPlan withBacklogEvents(long n) {
        return new BenchPlan(mode, reps, rawRecords, events, bigKeys, ruleCounts, equalityRules, commitIntervals,
                latencyDuration, probesPerSec, n, connectorEsDocs, connectorRedisWrites, quickJmh);
    }

    public BenchPlan withConnectorSizes(int esDocs, int redisWrites) {
        return new BenchPlan(mode, reps, rawRecords, events, bigKeys, ruleCounts, equalityRules, commitIntervals,
                latencyDuration, probesPerSec, backlogEvents, esDocs, redisWrites, quickJmh);
    }

    public BenchPlan withEqualityRules(int n) {
        return new BenchPlan(mode, reps, rawRecords, events, bigKeys, ruleCounts, n, commitIntervals,
                latencyDuration, probesPerSec, backlogEvents, connectorEsDocs, connectorRedisWrites, quickJmh);
    }

    /** "1k", "100k", "1M": how a key count reads in a row name. */
    public static String count(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return n / 1_000_000 + "M";
        }
        if (n >= 1000 && n % 1000 == 0) {
            return n / 1000 + "k";
        }
        return String.valueOf(n);
    }
}
