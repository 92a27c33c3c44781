package io.alertstream.api.history;

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
 * answers everything it still holds (as before the archive existed). The two parts do not overlap in time,
 * so no transition is counted twice; the endpoint deduplicates by transition id all the same, since a
 * replayed transition may sit in both stores.
 *
 * @param storeFrom    start of the store's part, or null when the store is not asked
 * @param archiveFrom  start of the archive's part, or null when the archive is not asked
 * @param archiveUntil end (exclusive) of the archive's part, or null
 */
public record HistoryPlan(Instant storeFrom, Instant to, Instant archiveFrom, Instant archiveUntil) {
    public static final String STORE = "store";
    public static final String ELASTICSEARCH = "elasticsearch";

    public static HistoryPlan of(Instant from, Instant to, Instant horizon, boolean archive) {
        if (!archive || !from.isBefore(horizon)) {
            return new HistoryPlan(from, to, null, null);
        }
        if (to.isBefore(horizon)) {
            return new HistoryPlan(null, to, from, to.plusMillis(1));
        }
        return new HistoryPlan(horizon, to, from, horizon);
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
