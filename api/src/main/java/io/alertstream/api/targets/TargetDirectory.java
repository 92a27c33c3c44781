package io.alertstream.api.targets;

import io.alertstream.api.ApiStores;
import io.alertstream.api.StreamsAccess;
import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import io.alertstream.topology.targets.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's global targets store ({@link TargetStores}); 503 while it is not readable.
 * {@link #awaitVisible} waits, bounded, until a write has reached this store (as the accounts do), so the
 * next request to this instance sees it.
 */
public final class TargetDirectory {
    static final Duration VISIBLE_WAIT = Duration.ofSeconds(10);
    private final StreamsAccess streams;

    public TargetDirectory(StreamsAccess streams) {
        this.streams = streams;
    }

    public Optional<Target> get(String id) {
        return Optional.ofNullable(store().get(id));
    }

    /** Every target that passes {@code keep}, by creation time then id. */
    public List<Target> all(Predicate<Target> keep) {
        List<Target> out = new ArrayList<>();
        try (var it = store().all()) {
            it.forEachRemaining(kv -> {
                if (keep.test(kv.value)) {
                    out.add(kv.value);
                }
            });
        }
        out.sort(Comparator.comparing(Target::createdAt, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Target::id));
        return out;
    }

    /** Waits until the store's version of {@code id} passes {@code until} (an absent target is {@code null}); 503 after the wait. */
    void awaitVisible(String id, Predicate<Target> until) {
        if (!StreamsAccess.awaitRead(() -> get(id).orElse(null), until, VISIBLE_WAIT)) {
            throw new ProblemException(Problem.of(503, "not-yet-visible", "Service unavailable",
                    "The change was written but this instance has not read it back yet; retry shortly"), Map.of("Retry-After", "5"));
        }
    }

    private ReadOnlyKeyValueStore<String, Target> store() {
        return streams.globalStore(ApiStores.TARGETS);
    }
}
