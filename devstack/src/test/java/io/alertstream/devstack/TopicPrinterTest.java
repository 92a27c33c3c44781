package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dev console's alert lines. */
class TopicPrinterTest {

    @Test
    void aDeEscalationShouldNotReadAsANewWarning() {
        assertThat(TopicPrinter.alertLine("""
                {"at":"2026-01-01T00:03:05Z","status":"FIRING","level":"warning","previousLevel":"critical","alertKey":"k",
                 "value":7.0,"summary":"checkout: 7 errors"}"""))
                .isEqualTo("2026-01-01 00:03:05.000 FIRING   warning  k  value=7  (down from critical)  checkout: 7 errors");
        assertThat(TopicPrinter.alertLine("""
                {"at":"2026-01-01T00:01:00.25Z","status":"FIRING","level":"critical","previousLevel":"warning","alertKey":"k","value":21,"summary":"s"}"""))
                .startsWith("2026-01-01 00:01:00.250 ").contains("value=21  (up from warning)  s");
        assertThat(TopicPrinter.alertLine("""
                {"at":"2026-01-01T00:00:01Z","status":"FIRING","level":"warning","alertKey":"k","value":6,"summary":"s"}"""))
                .isEqualTo("2026-01-01 00:00:01.000 FIRING   warning  k  value=6  s");
    }

    @Test
    void anAbsenceAlertShouldShowNoValue() {
        assertThat(TopicPrinter.alertLine("""
                {"at":"2026-01-01T00:02:00Z","status":"FIRING","level":"critical","previousLevel":null,"alertKey":"beat|job=\\"export\\"",
                 "value":null,"threshold":null,"summary":"export stopped reporting"}"""))
                .isEqualTo("2026-01-01 00:02:00.000 FIRING   critical beat|job=\"export\"  export stopped reporting");
    }
}
