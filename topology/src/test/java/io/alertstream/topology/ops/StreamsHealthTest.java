package io.alertstream.topology.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamsHealthTest {
    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CREATED", "REBALANCING", "RUNNING"})
    void shouldBeLiveWhileStreamsCanStillProgress(State state) {
        StreamsHealth.Verdict v = StreamsHealth.live(state);
        assertThat(v.httpStatus()).isEqualTo(200);
        assertThat(v.json()).isEqualTo("{\"status\":\"UP\",\"state\":\"" + state + "\"}");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"ERROR", "PENDING_ERROR", "PENDING_SHUTDOWN", "NOT_RUNNING"})
    void shouldBeDeadAndNotReadyWhenStreamsStoppedOrFailed(State state) {
        assertThat(StreamsHealth.live(state).httpStatus()).isEqualTo(503);
        assertThat(StreamsHealth.live(state).json()).contains("\"status\":\"DOWN\"", "Kafka Streams is " + state);
        assertThat(StreamsHealth.ready(state, 0, 100).httpStatus()).isEqualTo(503);
    }

    @Test
    void shouldBeReadyOnlyWhenRunningAndCaughtUpWithinTheBound() {
        assertThat(StreamsHealth.ready(State.RUNNING, 100, 100))
                .isEqualTo(new StreamsHealth.Verdict(true, "{\"status\":\"READY\",\"state\":\"RUNNING\",\"inputLag\":100,\"maxInputLag\":100}"));
        StreamsHealth.Verdict behind = StreamsHealth.ready(State.RUNNING, 101, 100);
        assertThat(behind.httpStatus()).isEqualTo(503);
        assertThat(behind.json()).isEqualTo("{\"status\":\"NOT_READY\",\"state\":\"RUNNING\",\"inputLag\":101,\"maxInputLag\":100,"
                + "\"reason\":\"catching up: 101 input records behind, more than alertstream.health.ready.max.lag=100\"}");
    }

    @Test
    void shouldNotBeReadyWhileRebalancingOrBeforeTheLagIsMeasured() {
        assertThat(StreamsHealth.ready(State.REBALANCING, 0, 100).json()).contains("NOT_READY", "Kafka Streams is REBALANCING, not RUNNING");
        StreamsHealth.Verdict unknown = StreamsHealth.ready(State.RUNNING, -1, 100);
        assertThat(unknown.httpStatus()).isEqualTo(503);
        assertThat(unknown.json()).contains("input lag not measured yet").doesNotContain("inputLag\"");
    }

    @Test
    void shouldAskTheStateAndLagAtEveryCall() {
        State[] state = {State.REBALANCING};
        long[] lag = {5};
        StreamsHealth health = new StreamsHealth(() -> state[0], () -> lag[0], 0);
        assertThat(health.ready().ok()).isFalse();
        state[0] = State.RUNNING;
        assertThat(health.ready().ok()).isFalse();
        lag[0] = 0;
        assertThat(health.ready().ok()).isTrue();
        assertThat(health.live().ok()).isTrue();
    }
}
