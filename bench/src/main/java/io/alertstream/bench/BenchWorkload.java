package io.alertstream.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The synthetic events and rule sets of the throughput and latency runs. Every event is a JSON
 * object of about 200 bytes: {@code timestamp} (epoch ms), {@code key} (one of {@code keys} group
 * values), {@code kind} (0-99), {@code status}, {@code latency_ms}, {@code service}, {@code route},
 * {@code host}. A set of R rules splits {@code kind} into R equal ranges, so every event matches
 * exactly one rule whatever R is: more rules cost more filter evaluations, never more fan-out
 * records. Rules group by {@code key} over one-hour windows, even rules take the p95 of
 * {@code latency_ms}, odd rules count; thresholds are out of reach, so these rules never fire. The
 * latency probe rule fires on every probe event, once per probe id.
 *
 * <p>The equality scenario ({@link #withServices}, {@link #equalityRules}) draws {@code service}
 * from N values {@code svc-0 ... svc-(N-1)} instead, and rule i holds {@code event.service ==
 * "svc-i"}: again every event matches exactly one rule, and the rule index finds it without
 * evaluating the other N-1 filters.
 *
 * <p>Why not longer windows: counters are written with the window end as record timestamp, and a
 * Kafka 4 broker refuses timestamps more than {@code log.message.timestamp.after.max.ms} (default
 * 1 h) ahead, so a one-day window with live event times fails the stream thread.
 */
public final class BenchWorkload {
    public static final String PROBE_RULE_ID = "latency-probe";

    private final int keys;
    private final long startMillis;
    private final long spanMillis;
    private final long seed;
    private final Random random;
    /** 0: {@code service} cycles through 37 values; else it is drawn from this many (see {@link #withServices}). */
    private final int services;

    /**
     * @param keys        distinct group keys; event i has key {@code i % keys}, so the first {@code keys} events see them all
     * @param startMillis event time of the first event
     * @param spanMillis  event time span over a whole run
     */
    public BenchWorkload(int keys, long startMillis, long spanMillis, long seed) {
        this(keys, startMillis, spanMillis, seed, 0);
    }

    private BenchWorkload(int keys, long startMillis, long spanMillis, long seed, int services) {
        this.keys = keys;
        this.startMillis = startMillis;
        this.spanMillis = spanMillis;
        this.seed = seed;
        this.random = new Random(seed);
        this.services = services;
    }

    /**
     * A new workload (same keys, times and seed) with {@code service} drawn at random from
     * {@code svc-0 ... svc-(services-1)}, the values of {@link #equalityRules}. At random rather than
     * {@code i % services}, which would tie every service to one key ({@code i % keys}) and so give
     * each rule a single group. A separate mode so the other scenarios keep their events byte for byte.
     */
    public BenchWorkload withServices(int services) {
        if (services <= 0) {
            throw new IllegalArgumentException("services must be positive: " + services);
        }
        return new BenchWorkload(keys, startMillis, spanMillis, seed, services);
    }

    /** Event {@code i} of {@code total}: event times rise evenly over the span. */
    public byte[] event(long i, long total) {
        long time = startMillis + (total <= 1 ? 0 : spanMillis * i / total);
        return eventAt(i, time);
    }

    public byte[] eventAt(long i, long time) {
        return eventAt(i, time, -1);
    }

    /** Event {@code i} at {@code time} with service {@code svc-<service>}, e.g. a probe for one equality rule. */
    public byte[] serviceEvent(long i, long time, int service) {
        return eventAt(i, time, service);
    }

    /** @param service the service number, or -1 for this workload's own choice */
    private byte[] eventAt(long i, long time, int service) {
        int kind = random.nextInt(100);
        int status = random.nextInt(10) == 0 ? 503 : 200;
        double latency = Math.round(random.nextDouble() * 50000) / 100.0;
        long svc = service >= 0 ? service : services > 0 ? random.nextInt(services) : i % 37;
        String json = "{\"timestamp\":" + time + ",\"key\":\"k-" + (i % keys) + "\",\"kind\":" + kind
                + ",\"status\":" + status + ",\"latency_ms\":" + latency + ",\"service\":\"svc-" + svc
                + "\",\"route\":\"/api/v1/orders/" + (i % 101) + "/items\",\"host\":\"host-" + (i % 13) + ".bench.local\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** A probe event for the latency run: only the probe rule matches it (it has no {@code kind}). */
    public static byte[] probe(String id, long time) {
        return ("{\"timestamp\":" + time + ",\"probe\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** R rules splitting kind 0-99 into R ranges (R divides 100 in the runs; any R works). */
    public static String rules(int count) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i < count; i++) {
            int from = i * 100 / count;
            int to = (i + 1) * 100 / count;
            yaml.append("  - id: bench-").append(i).append('\n')
                    .append("    filter: event.kind >= ").append(from).append(" && event.kind < ").append(to).append('\n');
            appendGroupingAndAggregate(yaml, i);
        }
        return yaml.toString();
    }

    /** The id of equality rule {@code i}: the rule of {@code svc-i}. */
    public static String equalityRuleId(int i) {
        return "eq-" + i;
    }

    /**
     * N rules, rule i holding {@code event.service == "svc-i"}: the filter the rule index files under
     * one key, so an event costs one filter evaluation whatever N is. Grouping, windows, aggregates and
     * unreachable thresholds as in {@link #rules}.
     */
    public static String equalityRules(int count) {
        StringBuilder yaml = new StringBuilder("rules:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - id: ").append(equalityRuleId(i)).append('\n')
                    .append("    filter: 'event.service == \"svc-").append(i).append("\"'\n");
            appendGroupingAndAggregate(yaml, i);
        }
        return yaml.toString();
    }

    /** Group by key over 1 h; even rules p95 of latency_ms, odd ones count; thresholds never reached. */
    private static void appendGroupingAndAggregate(StringBuilder yaml, int i) {
        yaml.append("    group_by: [key]\n")
                .append("    window: {size: 1h}\n");
        if (i % 2 == 0) {
            yaml.append("    aggregate: {function: p95, field: latency_ms}\n");
        } else {
            yaml.append("    aggregate: count\n");
        }
        yaml.append("    triggers: {warning: {above: 1000000000}}\n");
    }

    /** The rule the latency run adds: every probe id is its own group, and its first event fires. */
    public static String probeRule() {
        return """
                  - id: %s
                    filter: has(event.probe)
                    group_by: [probe]
                    window: {size: 1h}
                    aggregate: count
                    triggers: {warning: {above: 0}}
                """.formatted(PROBE_RULE_ID);
    }

    /** The probe id in an alert key {@code latency-probe|probe="p-12"}, or null for another rule's alert. */
    public static String probeIdOf(String alertKey) {
        String prefix = PROBE_RULE_ID + "|probe=\"";
        if (alertKey == null || !alertKey.startsWith(prefix) || !alertKey.endsWith("\"")) {
            return null;
        }
        return alertKey.substring(prefix.length(), alertKey.length() - 1);
    }
}
