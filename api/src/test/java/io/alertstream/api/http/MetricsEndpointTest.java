package io.alertstream.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.topology.ops.OpsMetrics;
import org.junit.jupiter.api.Test;

/** Who may read the API's /metrics: this host always; another host only with the configured bearer token. */
class MetricsEndpointTest {

    @Test
    void withoutATokenOnlyThisHostMayRead() throws Exception {
        try (OpsMetrics metrics = OpsMetrics.create("t")) {
            MetricsEndpoint endpoint = new MetricsEndpoint(metrics, "");
            assertThat(endpoint.allowed("127.0.0.1", null)).isTrue();
            assertThat(endpoint.allowed("0:0:0:0:0:0:0:1", null)).isTrue();
            assertThat(endpoint.allowed("10.1.2.3", null)).isFalse();
            assertThat(endpoint.allowed("10.1.2.3", "Bearer ")).as("an empty token is no token").isFalse();
        }
    }

    @Test
    void anotherHostMayReadWithTheTokenOnly() throws Exception {
        try (OpsMetrics metrics = OpsMetrics.create("t")) {
            MetricsEndpoint endpoint = new MetricsEndpoint(metrics, "scrape-token-123");
            assertThat(endpoint.allowed("10.1.2.3", "Bearer scrape-token-123")).isTrue();
            assertThat(endpoint.allowed("10.1.2.3", "Bearer scrape-token-12")).isFalse();
            assertThat(endpoint.allowed("10.1.2.3", "Basic scrape-token-123")).isFalse();
            assertThat(endpoint.allowed("10.1.2.3", null)).isFalse();
        }
    }
}
