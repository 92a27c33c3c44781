package io.alertstream.connectors.redis;

/**
 * The Redis layout of window counters, in one place.
 *
 * <p>One hash per rule and group, key {@code <prefix><ruleId>:<groupKey>} (default prefix
 * {@code alertstream:counter:}). Fields:
 * <ul>
 *   <li>{@code <windowStartEpochMillis>}: the latest aggregate of that window (absolute, so replays are harmless);</li>
 *   <li>{@code latest}, {@code latest.windowStart}, {@code latest.windowEnd}, {@code latest.count}: the
 *       newest window seen (by window start, never moved back by a late or replayed older window).</li>
 * </ul>
 * The hash expires {@code ttl} after its last write; window fields older than the newest window start minus
 * the ttl are removed when a newer window arrives.
 */
public final class CounterKeyLayout {
    public static final String LATEST = "latest";
    public static final String LATEST_WINDOW_START = "latest.windowStart";
    public static final String LATEST_WINDOW_END = "latest.windowEnd";
    public static final String LATEST_COUNT = "latest.count";

    private final String prefix;

    public CounterKeyLayout(String prefix) {
        this.prefix = prefix;
    }

    public String key(String ruleId, String groupKey) {
        return prefix + ruleId + ":" + groupKey;
    }

    public static String windowField(long windowStartMs) {
        return Long.toString(windowStartMs);
    }
}
