package io.alertstream.api.alerts;

import io.alertstream.api.ApiStores;
import io.alertstream.api.auth.Principal;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.model.Alert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Answers alert queries from this instance's own partitions of the alert stores (active tasks only),
 * never asking another instance: what a peer answers when it is asked by another instance, and this
 * instance's share of a scatter-gather. A store that is migrating answers 503 with Retry-After.
 */
public final class LocalAlerts {
    /** Newest first (by {@code at}), then by key, so merged answers of several instances sort the same. */
    static final Comparator<AlertView> NEWEST_FIRST = Comparator.comparing((AlertView v) -> Instant.parse(v.at())).reversed()
            .thenComparing(AlertView::alertKey);
    /** Oldest first (by {@code at}), then by id. */
    static final Comparator<Alert> OLDEST_FIRST = Comparator.comparingLong(AlertTimes::atMillis).thenComparing(Alert::id);

    private final KafkaStreams streams;
    private final Visibility visibility;
    private final io.alertstream.topology.silence.SilenceCatalog silences;

    public LocalAlerts(KafkaStreams streams, Visibility visibility) {
        this(streams, visibility, null);
    }

    /** @param silences for the views' {@code silencedBy}; null: none shown */
    public LocalAlerts(KafkaStreams streams, Visibility visibility, io.alertstream.topology.silence.SilenceCatalog silences) {
        this.streams = streams;
        this.visibility = visibility;
        this.silences = silences;
    }

    /** The state of one alert key held here: its firing transition (or null) and its recent transitions (null if unknown). */
    public record KeyState(Alert current, Transitions transitions) {
    }

    public KeyState byKey(String key) {
        ReadOnlyKeyValueStore<String, Alert> firing = store(ApiStores.FIRING, () -> QueryableStoreTypes.keyValueStore());
        ReadOnlyKeyValueStore<String, Transitions> transitions = store(ApiStores.TRANSITIONS, () -> QueryableStoreTypes.keyValueStore());
        return guarded(() -> new KeyState(firing.get(key), transitions.get(key)));
    }

    public List<AlertView> firing(AlertFilter filter, Principal caller) {
        ReadOnlyKeyValueStore<String, Alert> firing = store(ApiStores.FIRING, () -> QueryableStoreTypes.keyValueStore());
        return guarded(() -> {
            List<AlertView> out = new ArrayList<>();
            try (var it = firing.all()) {
                it.forEachRemaining(kv -> {
                    if (filter.accepts(kv.value, caller, visibility)) {
                        out.add(AlertView.of(kv.value, silences, System.currentTimeMillis(), AckViews.of(streams, kv.key)));
                    }
                });
            }
            out.sort(NEWEST_FIRST);
            return out;
        });
    }

    /** A bounded history answer: the oldest {@code limit} matching transitions of the range, and whether there were more. */
    public record HistoryPage(List<Alert> transitions, boolean truncated) {
    }

    /** Transitions with {@code from <= at <= to}, of {@code rule} if not null, that the caller may see; the oldest {@code limit}. */
    public HistoryPage history(Instant from, Instant to, String rule, Principal caller, int limit) {
        ReadOnlyWindowStore<String, Alert> history = store(ApiStores.HISTORY, () -> QueryableStoreTypes.windowStore());
        return guarded(() -> {
            List<Alert> out = new ArrayList<>();
            try (var it = history.fetchAll(from, to)) {
                it.forEachRemaining(kv -> {
                    Alert a = kv.value;
                    if ((rule == null || rule.equals(a.ruleId())) && visibility.canSee(caller, a)) {
                        out.add(a);
                    }
                });
            }
            return page(out, limit, false);
        });
    }

    /** Transitions with {@code from <= at <= to} that pass {@code keep} (the caller decides visibility); the oldest {@code limit}. */
    public HistoryPage matching(Instant from, Instant to, java.util.function.Predicate<Alert> keep, int limit) {
        ReadOnlyWindowStore<String, Alert> history = store(ApiStores.HISTORY, () -> QueryableStoreTypes.windowStore());
        return guarded(() -> {
            List<Alert> out = new ArrayList<>();
            try (var it = history.fetchAll(from, to)) {
                it.forEachRemaining(kv -> {
                    if (keep.test(kv.value)) {
                        out.add(kv.value);
                    }
                });
            }
            return page(out, limit, false);
        });
    }

    /** Sorts oldest first and keeps {@code limit}; truncated when some were dropped or {@code alreadyTruncated}. */
    public static HistoryPage page(List<Alert> all, int limit, boolean alreadyTruncated) {
        List<Alert> sorted = new ArrayList<>(all);
        sorted.sort(OLDEST_FIRST);
        boolean truncated = alreadyTruncated || sorted.size() > limit;
        return new HistoryPage(List.copyOf(sorted.subList(0, Math.min(limit, sorted.size()))), truncated);
    }

    private <T> T store(String name, Supplier<org.apache.kafka.streams.state.QueryableStoreType<T>> type) {
        return guarded(() -> streams.store(StoreQueryParameters.fromNameAndType(name, type.get())));
    }

    private static <T> T guarded(Supplier<T> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw rebalancing("the alert stores here are moving between instances (" + e.getMessage() + ")");
        }
    }

    /** 503 with Retry-After: the answer would be wrong now, not absent. */
    public static ProblemException rebalancing(String detail) {
        return new ProblemException(Problem.of(503, "rebalancing", "Service unavailable", detail + "; retry shortly"),
                Map.of("Retry-After", "1"));
    }
}
