package io.alertstream.api.targets;

import io.alertstream.api.ApiStores;
import io.alertstream.api.alerts.LocalAlerts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * One target's check statistics over a window, from this instance's hourly buckets ({@link ApiStores#PROBE_STATS}):
 * the buckets of every hour from the one {@code from} falls in up to {@code to}, merged. So the window is whole
 * hours: {@code from} in the answer is the start of the oldest hour counted.
 *
 * @param availability successes / checks in percent, to two decimals (99.99); null without checks
 * @param latencyMs    p50 and p95 of the checks' latencies in ms to one decimal (DDSketch, 1% relative accuracy, so
 *                     more digits would be noise); null without latencies
 * @param hours        every hour of the window, oldest first, with its checks (zero for an hour without any) and their p50
 *                     latency: what the console draws as the target's uptime bar and latency sparkline
 */
public record TargetStats(String target, String window, String from, String to, long successes, long failures, Double availability,
                          Latency latencyMs, long checks, List<Hour> hours) {

    /** One hour's checks: {@code start} is the hour's first instant; {@code latencyMs} their p50 (as the window's), null without latencies. */
    public record Hour(String start, long successes, long failures, @com.fasterxml.jackson.annotation.JsonProperty("latency_ms") Double latencyMs) {
    }

    /** {@code {"p50","p95"}} in milliseconds. */
    public record Latency(Double p50, Double p95) {
    }

    @com.fasterxml.jackson.annotation.JsonProperty("latency_ms")
    @Override
    public Latency latencyMs() {
        return latencyMs;
    }

    /** The start of the hour {@code at} falls in. */
    static Instant hourOf(Instant at) {
        long ms = at.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms, ProbeBucketer.HOUR_MS) * ProbeBucketer.HOUR_MS);
    }

    /** Merges the buckets of {@code target} with window start in [hour of {@code from}, {@code to}] held here. */
    static TargetStats local(KafkaStreams streams, String target, String window, Instant from, Instant to) {
        Instant start = hourOf(from);
        Map<Long, ProbeBucket> byHour = new TreeMap<>();
        try {
            ReadOnlyWindowStore<String, ProbeBucket> store = streams.store(StoreQueryParameters.fromNameAndType(ApiStores.PROBE_STATS,
                    QueryableStoreTypes.<String, ProbeBucket>windowStore()));
            try (var it = store.fetch(target, start, to)) {
                it.forEachRemaining(kv -> byHour.computeIfAbsent(kv.key, k -> new ProbeBucket()).merge(kv.value));
            }
        } catch (InvalidStateStoreException e) {
            throw LocalAlerts.rebalancing("the probe stats here are moving between instances (" + e.getMessage() + ")");
        }
        return of(target, window, start, to, byHour);
    }

    /** @param byHour the buckets by the start of their hour (epoch ms), hours from {@code from} on */
    static TargetStats of(String target, String window, Instant from, Instant to, Map<Long, ProbeBucket> byHour) {
        ProbeBucket b = new ProbeBucket();
        byHour.values().forEach(b::merge);
        List<Hour> hours = new ArrayList<>();
        for (long h = from.toEpochMilli(); h <= to.toEpochMilli(); h += ProbeBucketer.HOUR_MS) {
            ProbeBucket one = byHour.get(h);
            Double p50 = one == null || one.latencyQuantile(0.5) == null ? null : round(one.latencyQuantile(0.5), 10);
            hours.add(new Hour(Instant.ofEpochMilli(h).toString(), one == null ? 0 : one.successes(), one == null ? 0 : one.failures(), p50));
        }
        long checks = b.successes() + b.failures();
        Double availability = checks == 0 ? null : round(100.0 * b.successes() / checks, 100);
        Latency latency = checks == 0 || b.latencyQuantile(0.5) == null ? null
                : new Latency(round(b.latencyQuantile(0.5), 10), round(b.latencyQuantile(0.95), 10));
        return new TargetStats(target, window, from.toString(), to.toString(), b.successes(), b.failures(), availability, latency, checks,
                List.copyOf(hours));
    }

    /** {@code v} rounded to 1/{@code scale}: numbers a person reads, not float noise. */
    private static double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }
}
