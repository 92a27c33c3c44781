package io.alertstream.topology.processors;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a warning at most once per interval per key (a rule id, an error type), with the number of
 * occurrences suppressed since, so a bad field in a hot stream cannot flood the logs.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalMs;
    private final Map<String, long[]> state = new HashMap<>();

    public RateLimitedLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    public void warn(String key, long nowMs, String format, Object... args) {
        long[] s = state.computeIfAbsent(key, k -> new long[] {Long.MIN_VALUE, 0});
        if (nowMs - s[0] >= intervalMs) {
            if (s[1] > 0) {
                log.warn("({} similar messages for {} suppressed)", s[1], key);
            }
            log.warn(format, args);
            s[0] = nowMs;
            s[1] = 0;
        } else {
            s[1]++;
        }
    }
}
