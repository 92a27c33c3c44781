package io.alertstream.topology.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void shouldShowFourSignificantDigitsAndWholeNumbersWithoutADecimalPoint() {
        assertThat(Numbers.format(384.07783370439637)).isEqualTo("384.1");
        assertThat(Numbers.format(709.6040180466645)).isEqualTo("709.6");
        assertThat(Numbers.format(51.0)).isEqualTo("51");
        assertThat(Numbers.format(-3.0)).isEqualTo("-3");
        assertThat(Numbers.format(0.0)).isEqualTo("0");
        assertThat(Numbers.format(0.12345)).isEqualTo("0.1235");
        assertThat(Numbers.format(1234567.891)).isEqualTo("1235000");
        assertThat(Numbers.format(1.5e-7)).isEqualTo("1.5E-7");
        assertThat(Numbers.format(Double.NaN)).isEqualTo("NaN");
    }
}
