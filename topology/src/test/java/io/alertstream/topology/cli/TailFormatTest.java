package io.alertstream.topology.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The alert lines of `alertstream tail alerts`: what changed reads at a glance. */
class TailFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String line(String alert) throws Exception {
        JsonNode a = JSON.readTree(alert);
        return TailFormat.ALERTS.line(a, null);
    }

    @Test
    void aLevelChangeShouldSayFromWhichLevelAndNumbersReadAsWritten() throws Exception {
        assertThat(line("""
                {"at":"2026-01-01T00:03:05Z","status":"FIRING","level":"warning","previousLevel":"critical","alertKey":"k",
                 "value":7.0,"threshold":5,"summary":"s"}"""))
                .contains("FIRING   warning (down from critical) k").contains("value 7 > 5");
        assertThat(line("""
                {"at":"t","status":"FIRING","level":"critical","previousLevel":"warning","alertKey":"k","value":51,"threshold":50}"""))
                .contains("critical (up from warning)");
        assertThat(line("""
                {"at":"t","status":"FIRING","level":"warning","alertKey":"k","value":11,"threshold":10}"""))
                .contains("FIRING   warning    k").doesNotContain("from");
        assertThat(line("""
                {"at":"t","status":"RESOLVED","level":null,"previousLevel":"warning","alertKey":"k","value":2,"threshold":5}"""))
                .contains("RESOLVED (was warning) k").contains("value 2 <= 5");
    }

    @Test
    void anAbsenceAlertHasNoValueToShow() throws Exception {
        assertThat(line("""
                {"at":"t","status":"FIRING","level":"critical","previousLevel":null,"alertKey":"beat|job=\\"export\\"","value":null,
                 "threshold":null,"summary":"export stopped reporting"}"""))
                .isEqualTo("t  FIRING   critical   beat|job=\"export\"  export stopped reporting");
    }
}
