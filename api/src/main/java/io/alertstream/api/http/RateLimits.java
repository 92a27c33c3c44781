package io.alertstream.api.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rate limit per caller (API token, user, or client address), on resilience4j's {@link RateLimiter}.
 * resilience4j hands out a fixed number of permits per refresh period; {@code burst} permits every
 * {@code burst / perSecond} seconds gives the configured average rate and lets a caller spend up to
 * {@code burst} at once. Beyond: 429 with {@code Retry-After}, the whole seconds until the next permit.
 * At most {@link #MAX_CALLERS} limiters are kept (least recently used ones are dropped, which only ever
 * gives a caller a fresh allowance), so a flood of addresses cannot exhaust memory.
 */
public final class RateLimits {
    static final int MAX_CALLERS = 100_000;
    private final RateLimiterConfig config;
    private final Map<String, RateLimiter> limiters = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
            return size() > MAX_CALLERS;
        }
    };

    public RateLimits(int perSecond, int burst) {
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(burst)
                .limitRefreshPeriod(Duration.ofNanos(Math.max(1_000_000L, burst * 1_000_000_000L / perSecond)))
                .timeoutDuration(Duration.ZERO)
                .build();
    }

    /** Takes one permit for {@code caller}, or throws a 429 problem. */
    public void acquire(String caller) {
        RateLimiter limiter;
        synchronized (limiters) {
            limiter = limiters.computeIfAbsent(caller, k -> new AtomicRateLimiter(k, config));
        }
        if (!limiter.acquirePermission()) {
            long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
            long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            throw new ProblemException(Problem.of(429, "rate-limited", "Too many requests",
                    "More requests than alertstream.api.rate.limit.per.second / .burst allow for this caller; retry after "
                            + seconds + " s"), Map.of("Retry-After", String.valueOf(seconds)));
        }
    }
}
