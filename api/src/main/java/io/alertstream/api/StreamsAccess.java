package io.alertstream.api;

import io.alertstream.api.http.Problem;
import io.alertstream.api.http.ProblemException;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

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
