package io.alertstream.topology.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private State state = State.REBALANCING;
    private long lag = -1;
    private final StreamsHealth health = new StreamsHealth(() -> state, () -> lag, 10);

    private HttpResponse<String> get(OpsHttpServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeMetricsAndHealthOnLoopback() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(new OpsHttpConfig("127.0.0.1", 0, true, 10), () -> "up 1\n", health)) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
            HttpResponse<String> metrics = get(server, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValue(OpsMetrics.CONTENT_TYPE);
            assertThat(metrics.body()).isEqualTo("up 1\n");

            assertThat(get(server, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(server, "/health/ready");
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(notReady.body()).contains("REBALANCING, not RUNNING");

            state = State.RUNNING;
            lag = 11;
            assertThat(get(server, "/health/ready").body()).contains("\"inputLag\":11", "catching up");
            lag = 3;
            HttpResponse<String> ready = get(server, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"READY\",\"state\":\"RUNNING\",\"inputLag\":3,\"maxInputLag\":10}");

            state = State.ERROR;
            assertThat(get(server, "/health/live").statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shouldAnswerOnlyItsOwnPathsAndOnlyReads() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(new OpsHttpConfig("127.0.0.1", 0, true, 10), () -> "", health)) {
            assertThat(get(server, "/metricsx").statusCode()).isEqualTo(404);
            assertThat(get(server, "/").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void shouldAnswer500WhenTheScrapeFails() throws Exception {
        try (OpsHttpServer server = OpsHttpServer.start(new OpsHttpConfig("127.0.0.1", 0, true, 10),
                () -> { throw new IllegalStateException("boom"); }, health)) {
            assertThat(get(server, "/metrics").statusCode()).isEqualTo(500);
        }
    }

    @Test
    void shouldTakeTheNextPortWhenTheDefaultOneIsTakenButRefuseATakenConfiguredPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            try (OpsHttpServer server = OpsHttpServer.start(new OpsHttpConfig("127.0.0.1", port, false, 10), () -> "", health)) {
                assertThat(server.baseUrl()).doesNotEndWith(":" + port);
            }
            assertThatThrownBy(() -> OpsHttpServer.start(new OpsHttpConfig("127.0.0.1", port, true, 10), () -> "", health))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cannot serve metrics on 127.0.0.1 port " + port)
                    .hasMessageContaining("set alertstream.http.port (or --http-port) to a free port, 0 for any, or off");
        }
    }
}
