package io.alertstream.topology.support;

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
        long[] s = state.get(key);
        if (s == null) {
            // First time for this key: always log. (A "last logged" of Long.MIN_VALUE would overflow the
            // subtraction below and never log at all.)
            state.put(key, new long[] {nowMs, 0});
            log.warn(format, args);
            return;
        }
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
