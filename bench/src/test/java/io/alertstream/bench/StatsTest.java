package io.alertstream.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldTakeTheMiddleSampleAsMedianAndReportTheSpread() {
        Stats.Spread s = Stats.spread(List.of(30.0, 10.0, 20.0));

        assertThat(s.median()).isEqualTo(20.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(30.0);
        assertThat(s.n()).isEqualTo(3);
    }

    @Test
    void shouldAverageTheTwoMiddleSamplesOfAnEvenCount() {
        assertThat(Stats.spread(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void shouldGiveNearestRankPercentilesThatWereObserved() {
        List<Double> samples = new java.util.ArrayList<>();
        for (int i = 1000; i >= 1; i--) {
            samples.add((double) i);
        }

        assertThat(Stats.percentile(samples, 0.5)).isEqualTo(500.0);
        assertThat(Stats.percentile(samples, 0.99)).isEqualTo(990.0);
        assertThat(Stats.percentile(samples, 0.999)).isEqualTo(999.0);
        assertThat(Stats.percentile(samples, 1.0)).isEqualTo(1000.0);
        assertThat(Stats.percentile(List.of(7.0), 0.999)).isEqualTo(7.0);
    }

    @Test
    void shouldReportNothingMeasuredAsNaN() {
        assertThat(Stats.spread(List.of()).median()).isNaN();
        assertThat(Stats.percentile(List.of(), 0.5)).isNaN();
    }

    @Test
    void shouldRefuseAPercentileOutsideZeroToOne() {
        assertThatThrownBy(() -> Stats.percentile(List.of(1.0), 99)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(0, 1]");
    }
}
