package io.alertstream.topology.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommitGateTest {

    @Test
    void shouldLetOneCommitRequestThroughPerGapAndTheFirstAtOnce() {
        AlertEvaluator.CommitGate gate = new AlertEvaluator.CommitGate();
        long gap = AlertEvaluator.CommitGate.MIN_GAP_MS;
        assertThat(gate.allow(1_000)).isTrue();
        assertThat(gate.allow(1_000)).isFalse();
        assertThat(gate.allow(1_000 + gap - 1)).isFalse();
        assertThat(gate.allow(1_000 + gap)).isTrue();
        assertThat(gate.allow(1_000 + 10 * gap)).isTrue();
    }

    @Test
    void shouldAllowTheFirstRequestEvenAtTimeZero() {
        assertThat(new AlertEvaluator.CommitGate().allow(0)).isTrue();
    }
}
