package io.alertstream.bench;

import io.alertstream.connectors.redis.CounterKeyLayout;
import io.alertstream.connectors.redis.RedisSinkConnectorConfig;
import io.alertstream.topology.model.Counter;
import io.alertstream.topology.model.JsonSerde;
import io.alertstream.topology.rules.AlertKey;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The counter records of the Redis sink measurement, and the Redis writes each one stands for.
 *
 * <p>Record {@code i} is what the topology publishes on {@code counters} (the {@link Counter} model,
 * serialised by the topology's own serde, keyed by the alert key): rule {@code bench-0} or {@code bench-1},
 * one of {@code keys} groups {@code key="k-N"}, one-minute windows. Every group gets
 * {@link #UPDATES_PER_WINDOW} updates of a window (value and count growing, as the topology re-publishes a
 * changing aggregate) before its window moves on, so the sink's script both overwrites and, on a new
 * window, prunes. Deterministic in {@code i}: the same index always gives the same record.
 *
 * <p>{@link #write} is the same update as the Redis sink derives from the record with its default
 * config: hash key {@code alertstream:counter:<ruleId>:<groupKey>}, window bounds in epoch ms, the value
 * as plain decimal text, expiry = window size times {@code redis.ttl.window.factor}.
 */
final class CounterWorkload {
    static final int UPDATES_PER_WINDOW = 5;
    static final long WINDOW_MS = 60_000;

    /** One counter update as Redis stores it. */
    record Write(String hashKey, long windowStartMs, long windowEndMs, String value, String count, long ttlMs) {
    }

    private static final Serializer<Counter> SERIALIZER = new JsonSerde<>(Counter.class).serializer();
    private static final CounterKeyLayout LAYOUT = new CounterKeyLayout(RedisSinkConnectorConfig.KEY_PREFIX_DEFAULT);
    private static final long TTL_MS = WINDOW_MS * RedisSinkConnectorConfig.TTL_WINDOW_FACTOR_DEFAULT;

    private final int keys;
    private final long startMillis;

    CounterWorkload(int keys, long startMillis) {
        this.keys = keys;
        this.startMillis = startMillis - startMillis % WINDOW_MS;
    }

    Counter counter(long i) {
        int k = (int) (i % keys);
        long round = i / keys; // how many updates group k had before this one
        long windowStart = startMillis + WINDOW_MS * (round / UPDATES_PER_WINDOW);
        long count = round % UPDATES_PER_WINDOW + 1;
        String groupKey = groupKey(k);
        return new Counter(ruleId(k), groupKey, AlertKey.decode(groupKey), Instant.ofEpochMilli(windowStart).toString(),
                Instant.ofEpochMilli(windowStart + WINDOW_MS).toString(), count * 1.5, count);
    }

    /** The record key the topology uses: the alert key {@code <ruleId>|<groupKey>}. */
    byte[] key(long i) {
        Counter c = counter(i);
        return AlertKey.alertKey(c.ruleId(), c.groupKey()).getBytes(StandardCharsets.UTF_8);
    }

    byte[] value(long i) {
        return SERIALIZER.serialize("counters", counter(i));
    }

    Write write(long i) {
        Counter c = counter(i);
        long start = Instant.parse(c.windowStart()).toEpochMilli();
        long end = Instant.parse(c.windowEnd()).toEpochMilli();
        return new Write(LAYOUT.key(c.ruleId(), c.groupKey()), start, end, plain(c.value()), Long.toString(c.count()), TTL_MS);
    }

    /** Number text as the sink stores it: {@code 3.0} is {@code 3}, {@code 4.5} stays {@code 4.5}. */
    static String plain(double value) {
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return "-0".equals(text) ? "0" : text;
    }

    private static String ruleId(int k) {
        return "bench-" + (k % 2);
    }

    private static String groupKey(int k) {
        return "key=\"k-" + k + "\"";
    }
}
