package io.alertstream.topology.ops;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness and readiness of one instance, as an HTTP status and a small JSON body that says why.
 * <ul>
 *   <li><b>live</b> while Kafka Streams can still make progress by itself: any state but ERROR,
 *       PENDING_ERROR, PENDING_SHUTDOWN and NOT_RUNNING (a restart is the remedy for those);</li>
 *   <li><b>ready</b> when live, RUNNING, and the input not yet processed and committed (measured at the broker,
 *       over every input partition, see {@code InputLagProbe}) is known and at most the bound: an instance
 *       catching up on a backlog, or still rebalancing, is not ready.</li>
 * </ul>
 */
public final class StreamsHealth {
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);

    /** An answer: 200 or 503 and its body. */
    public record Verdict(boolean ok, String json) {
        public int httpStatus() {
            return ok ? 200 : 503;
        }
    }

    private final Supplier<KafkaStreams.State> state;
    private final LongSupplier inputLag;
    private final long maxLag;

    /** @param inputLag unprocessed input records, -1 when not measured yet */
    public StreamsHealth(Supplier<KafkaStreams.State> state, LongSupplier inputLag, long maxLag) {
        this.state = state;
        this.inputLag = inputLag;
        this.maxLag = maxLag;
    }

    public Verdict live() {
        return live(state.get());
    }

    public Verdict ready() {
        return ready(state.get(), inputLag.getAsLong(), maxLag);
    }

    static Verdict live(KafkaStreams.State state) {
        if (DEAD.contains(state)) {
            return new Verdict(false, body("DOWN", state, "Kafka Streams is " + state + "; restart the instance", null, null));
        }
        return new Verdict(true, body("UP", state, null, null, null));
    }

    static Verdict ready(KafkaStreams.State state, long lag, long maxLag) {
        Verdict live = live(state);
        if (!live.ok()) {
            return live;
        }
        if (state != KafkaStreams.State.RUNNING) {
            return new Verdict(false, body("NOT_READY", state, "Kafka Streams is " + state + ", not RUNNING", lag, maxLag));
        }
        if (lag < 0) {
            return new Verdict(false, body("NOT_READY", state, "input lag not measured yet", null, maxLag));
        }
        if (lag > maxLag) {
            return new Verdict(false, body("NOT_READY", state, "catching up: " + lag + " input records behind, more than "
                    + OpsHttpConfig.READY_MAX_LAG_CONFIG + "=" + maxLag, lag, maxLag));
        }
        return new Verdict(true, body("READY", state, null, lag, maxLag));
    }

    private static String body(String status, KafkaStreams.State state, String reason, Long lag, Long maxLag) {
        StringBuilder b = new StringBuilder("{\"status\":\"").append(status).append("\",\"state\":\"").append(state).append('"');
        if (lag != null && lag >= 0) {
            b.append(",\"inputLag\":").append(lag);
        }
        if (maxLag != null) {
            b.append(",\"maxInputLag\":").append(maxLag);
        }
        if (reason != null) {
            // Reasons are built here from enum names, numbers and a config key: no quoting needed.
            b.append(",\"reason\":\"").append(reason).append('"');
        }
        return b.append('}').toString();
    }
}
