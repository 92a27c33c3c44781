package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainTimelineTest {
    private static final long S = 1_000_000_000L;

    @Test
    void shouldRateTheWholeDrainFromRegistrationAndTheSteadyPartFromTheFirstCommit() {
        DrainTimeline t = new DrainTimeline(0, 3000);

        assertThat(t.observe(S, 0)).isFalse();
        assertThat(t.observe(2 * S, 1000)).isFalse();
        assertThat(t.observe(3 * S, 1000)).isFalse(); // no new commit: the earlier poll saw it first
        assertThat(t.observe(4 * S, 3000)).isTrue();

        assertThat(t.endToEndPerSec()).isEqualTo(750.0);
        assertThat(t.steadyPerSec()).isEqualTo(1000.0);
        assertThat(t.startSeconds()).isEqualTo(2.0);
    }

    @Test
    void shouldReportNoRateBeforeEverythingIsCommitted() {
        DrainTimeline t = new DrainTimeline(0, 3000);
        t.observe(S, 2999);

        assertThat(t.done()).isFalse();
        assertThat(t.endToEndPerSec()).isNaN();
        assertThat(t.steadyPerSec()).isNaN();
    }

    @Test
    void shouldHaveNoSteadyRateWhenOneCommitCoveredEverything() {
        DrainTimeline t = new DrainTimeline(0, 500);
        t.observe(S, 0);
        t.observe(2 * S, 500);

        assertThat(t.endToEndPerSec()).isEqualTo(250.0);
        assertThat(t.steadyPerSec()).isNaN();
    }
}
