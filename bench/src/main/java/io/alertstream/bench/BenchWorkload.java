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
 * <p>Why not longer windows: counters are written with the window end as record timestamp, and a
 * Kafka 4 broker refuses timestamps more than {@code log.message.timestamp.after.max.ms} (default
 * 1 h) ahead, so a one-day window with live event times fails the stream thread.
 */
public final class BenchWorkload {
    public static final String PROBE_RULE_ID = "latency-probe";

    private final int keys;
    private final long startMillis;
    private final long spanMillis;
    private final Random random;

    /**
     * @param keys        distinct group keys; event i has key {@code i % keys}, so the first {@code keys} events see them all
     * @param startMillis event time of the first event
     * @param spanMillis  event time span over a whole run
     */
    public BenchWorkload(int keys, long startMillis, long spanMillis, long seed) {
        this.keys = keys;
        this.startMillis = startMillis;
        this.spanMillis = spanMillis;
        this.random = new Random(seed);
    }

    /** Event {@code i} of {@code total}: event times rise evenly over the span. */
    public byte[] event(long i, long total) {
        long time = startMillis + (total <= 1 ? 0 : spanMillis * i / total);
        return eventAt(i, time);
    }

    public byte[] eventAt(long i, long time) {
        int kind = random.nextInt(100);
        int status = random.nextInt(10) == 0 ? 503 : 200;
        double latency = Math.round(random.nextDouble() * 50000) / 100.0;
        String json = "{\"timestamp\":" + time + ",\"key\":\"k-" + (i % keys) + "\",\"kind\":" + kind
                + ",\"status\":" + status + ",\"latency_ms\":" + latency + ",\"service\":\"svc-" + (i % 37)
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
                    .append("    filter: event.kind >= ").append(from).append(" && event.kind < ").append(to).append('\n')
                    .append("    group_by: [key]\n")
                    .append("    window: {size: 1h}\n");
            if (i % 2 == 0) {
                yaml.append("    aggregate: {function: p95, field: latency_ms}\n")
                        .append("    triggers: {warning: {above: 1000000000}}\n");
            } else {
                yaml.append("    aggregate: count\n")
                        .append("    triggers: {warning: {above: 1000000000}}\n");
            }
        }
        return yaml.toString();
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
