package io.alertstream.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    void controlCharactersAndNonAsciiShouldBePercentEncodedDeterministically() {
        assertThat(HeaderValues.safe("n-1")).isEqualTo("n-1");
        assertThat(HeaderValues.safe("n\r\nX-Injected: 1")).isEqualTo("n%0D%0AX-Injected:%201");
        assertThat(HeaderValues.safe("a%b\u0000é")).isEqualTo("a%25b%00%C3%A9");
    }

    @Test
    void aVeryLongValueShouldBecomeItsHash() {
        String safe = HeaderValues.safe("x".repeat(10_000));
        assertThat(safe).startsWith("sha256:").hasSize(7 + 64).isEqualTo(HeaderValues.safe("x".repeat(10_000)));
    }
}
