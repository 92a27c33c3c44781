package io.alertstream.connectors.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Target records: defaults, the timeout bound, and refusals that name the field without echoing the URL. */
class TargetParserTest {

    @Test
    void aMinimalTargetShouldGetTheDefaults() throws Exception {
        ProbeTarget target = TargetParser.parse("t-1", "{\"id\":\"t-1\",\"url\":\"https://example.com/health\"}");
        assertThat(target.method()).isEqualTo("GET");
        assertThat(target.intervalMs()).isEqualTo(30_000);
        assertThat(target.timeoutMs()).isEqualTo(10_000);
        assertThat(target.expectedMin()).isEqualTo(200);
        assertThat(target.expectedMax()).isEqualTo(399);
        assertThat(target.latencyThresholdMs()).isNull();
        assertThat(target.bodyContains()).isNull();
        assertThat(target.owners()).isEmpty();
        assertThat(target.inMaintenance(Instant.now())).isFalse();
    }

    @Test
    void theTimeoutShouldNeverExceedTheInterval() throws Exception {
        ProbeTarget target = TargetParser.parse("t-1", TestTargets.json("t-1", "http://example.com/", ",\"interval_ms\":5000"));
        assertThat(target.timeoutMs()).isEqualTo(5_000);
    }

    @Test
    void badTargetsShouldBeRefusedNamingTheFieldButNotTheUrl() {
        assertThatThrownBy(() -> TargetParser.parse("t-1", TestTargets.json("t-1", "http://example.com/", ",\"interval_ms\":1000")))
                .hasMessageContaining("interval_ms");
        assertThatThrownBy(() -> TargetParser.parse("t-1", TestTargets.json("t-1", "ftp://example.com/", "")))
                .hasMessageContaining("http or https");
        assertThatThrownBy(() -> TargetParser.parse("t-1", TestTargets.json("t-1", "https://bob:s3cret@example.com/", "")))
                .hasMessageContaining("user info").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> TargetParser.parse("t-2", TestTargets.json("t-1", "https://example.com/", "")))
                .hasMessageContaining("record key");
        assertThatThrownBy(() -> TargetParser.parse("t-1", TestTargets.json("t-1", "https://example.com/",
                ",\"expected_status\":{\"min\":400,\"max\":200}"))).hasMessageContaining("expected_status");
        assertThatThrownBy(() -> TargetParser.parse("t-1", TestTargets.json("t-1", "https://example.com/",
                ",\"maintenance\":[{\"start\":\"tomorrow\",\"end\":\"later\"}]"))).hasMessageContaining("maintenance");
    }
}
