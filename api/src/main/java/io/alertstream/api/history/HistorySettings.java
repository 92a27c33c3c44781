package io.alertstream.api.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code GET /v1/alerts/history} needs besides the stores: the most transitions per answer, the history
 * store's retention (its horizon is {@code now - retention}), the archive for older parts, and the clock.
 */
public record HistorySettings(int maxResults, Duration retention, Optional<HistoryArchive> archive, Clock clock) {

    /** The store only, as before an archive existed. */
    public static HistorySettings storeOnly(int maxResults, Duration retention) {
        return new HistorySettings(maxResults, retention, Optional.empty(), Clock.systemUTC());
    }

    /** The oldest transition time the history store is sure to hold now. */
    public Instant horizon() {
        return clock.instant().minus(retention);
    }
}
