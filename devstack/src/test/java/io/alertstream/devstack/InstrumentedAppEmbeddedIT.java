package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertstream.examples.instrumented.InstrumentedApp;
import io.alertstream.testkit.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instrumented example in embedded mode: one JVM runs the HTTP service, the client and the alertstream
 * engine (started through the embedded builder with the example's rules directory) against a broker of
 * its own (the engine uses the default topic names). Ten failing requests put one FIRING on the alerts topic.
 */
class InstrumentedAppEmbeddedIT {
    @TempDir
    Path tmp;

    @Test
    void shouldFireInProcessAfterTenFailingRequests() throws Exception {
        Path rules = Path.of(System.getProperty("basedir", ".")).resolve("../examples/instrumented-app/rules").normalize();
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             InstrumentedApp app = InstrumentedApp.start(List.of("--port", "0", "--embedded", kafka.bootstrapServers(),
                     "--rules", rules.toString(), "--state-dir", tmp.resolve("state").toString()))) {
            // One-minute windows aligned to the minute: keep the ten requests inside one.
            while (LocalTime.now(ZoneOffset.UTC).getSecond() > 44) {
                Thread.sleep(200);
            }
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 10; i++) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/fail")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(500);
            }
            assertThat(app.flush(Duration.ofSeconds(30))).isTrue();

            try (AlertsReader alerts = new AlertsReader(kafka.bootstrapServers(), "alerts")) {
                List<Map<String, Object>> read = alerts.readUntil(a -> a.stream().anyMatch(InstrumentedAppEmbeddedIT::firing), Duration.ofMinutes(3));
                assertThat(read.stream().filter(InstrumentedAppEmbeddedIT::firing)).hasSize(1)
                        .allSatisfy(a -> assertThat(a).containsEntry("level", "warning")
                                .containsEntry("recipients", List.of("checkout-example-oncall@alertstream.local")));
            }
        }
    }

    private static boolean firing(Map<String, Object> alert) {
        return "checkout-example-errors".equals(alert.get("ruleId")) && "FIRING".equals(alert.get("status"));
    }
}
