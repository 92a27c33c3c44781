package io.alertstream.api;

import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The API's Kafka Streams application as handlers see it: set once it is started, and usable for
 * queries only while it runs. Before that (or while it restores its stores) a query answers 503 with
 * {@code Retry-After}, never a partial answer.
 */
public final class StreamsAccess {
    private volatile KafkaStreams streams;

    void set(KafkaStreams streams) {
        this.streams = streams;
    }

    /** The running application, or a 503 problem. */
    public KafkaStreams running() {
        KafkaStreams s = streams;
        if (s == null || s.state() != KafkaStreams.State.RUNNING) {
            throw unavailable(s);
        }
        return s;
    }

    /**
     * The application, for a query of its global stores (accounts, tokens, rules): those hold every record
     * on every instance and stay readable while partitions move (REBALANCING), which happens whenever an
     * instance joins or leaves; logins must not stop then. Otherwise a 503 problem.
     */
    public KafkaStreams globalStores() {
        KafkaStreams s = streams;
        if (s == null || (s.state() != KafkaStreams.State.RUNNING && s.state() != KafkaStreams.State.REBALANCING)) {
            throw unavailable(s);
        }
        return s;
    }

    /** The global key-value store {@code name} (accounts, tokens, targets, rules), or a 503 problem while it is not readable. */
    public <V> ReadOnlyKeyValueStore<String, V> globalStore(String name) {
        try {
            return globalStores().store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw unavailable("the " + name + " store is not readable yet: " + e.getMessage());
        }
    }

    /**
     * Waits until this instance's own read of a write ({@code read}, null when absent) passes {@code until}, so that an
     * answer given after a write stays true on this instance. Kafka Streams tells nobody when its global thread has
     * applied a record, so the store is polled (every 20 ms: the global thread applies a record within milliseconds).
     *
     * @return whether it passed within {@code timeout}; a 503 problem when the server is interrupted (shutting down)
     */
    public static <T> boolean awaitRead(Supplier<T> read, Predicate<T> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!until.test(read.get())) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unavailable("shutting down");
            }
        }
        return true;
    }

    /** A 503 problem: the stores are not readable now. */
    public static ProblemException unavailable(String why) {
        return new ProblemException(Problem.of(503, "starting", "Service unavailable",
                "The API is loading its state from Kafka (" + why + "); retry shortly"), Map.of("Retry-After", "2"));
    }

    private static ProblemException unavailable(KafkaStreams s) {
        return unavailable("state " + (s == null ? "NOT_STARTED" : s.state()));
    }

    /** The application whatever its state (null before start). */
    public KafkaStreams any() {
        return streams;
    }
}
