package io.alertstream.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which store answers which part of a history range. Input: the asked range {@code from <= at <= to}, the
 * retention horizon of the API's history store (now minus {@code alertstream.api.history.retention}) and
 * whether an archive (Elasticsearch) is configured. Output: the part before the horizon for the archive
 * ({@code from <= at < archiveUntil}), the rest for the store ({@code storeFrom <= at <= to}), and the
 * sources the answer names. Pure.
 *
 * <p>A range that starts at or after the horizon never asks the archive; without an archive the store
 * answers everything it still holds (as before the archive existed). The archive's part reaches
 * {@link #OVERLAP} past the horizon (never past {@code to}): the store expires by its own stream time (the
 * newest {@code at} it has seen), which runs ahead of this clock when event times do, so the last minutes
 * before the horizon may already be gone from it. Transitions in the overlap come from both and are
 * deduplicated by transition id by the endpoint.
 *
 * @param storeFrom    start of the store's part, or null when the store is not asked
 * @param archiveFrom  start of the archive's part, or null when the archive is not asked
 * @param archiveUntil end (exclusive) of the archive's part, or null
 */
public record HistoryPlan(Instant storeFrom, Instant to, Instant archiveFrom, Instant archiveUntil) {
    public static final String STORE = "store";
    public static final String ELASTICSEARCH = "elasticsearch";
    /** How far past the horizon the archive is asked too (see the class comment). */
    public static final Duration OVERLAP = Duration.ofMinutes(5);

    public static HistoryPlan of(Instant from, Instant to, Instant horizon, boolean archive) {
        if (!archive || !from.isBefore(horizon)) {
            return new HistoryPlan(from, to, null, null);
        }
        if (to.isBefore(horizon)) {
            return new HistoryPlan(null, to, from, to.plusMillis(1));
        }
        Instant overlapEnd = horizon.plus(OVERLAP);
        return new HistoryPlan(horizon, to, from, overlapEnd.isAfter(to) ? to.plusMillis(1) : overlapEnd);
    }

    public boolean asksStore() {
        return storeFrom != null;
    }

    public boolean asksArchive() {
        return archiveFrom != null;
    }

    /** The sources of the answer, oldest part last: {@code ["store"]}, {@code ["elasticsearch"]} or both. */
    public List<String> sources() {
        List<String> sources = new ArrayList<>();
        if (asksStore()) {
            sources.add(STORE);
        }
        if (asksArchive()) {
            sources.add(ELASTICSEARCH);
        }
        return List.copyOf(sources);
    }
}
