package io.alertstream.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.alertstream.topology.targets.Target;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dev demo's uptime part without a broker: the flaky target's schedule and the targets it publishes. */
class DemoUptimeTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private HttpServer server;
    private DemoUptime demo;

    @BeforeEach
    void create() throws Exception {
        // Not started: only its port is read.
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        demo = new DemoUptime(server, now::get);
    }

    @AfterEach
    void close() {
        server.stop(0);
    }

    @Test
    void flakyShouldFailFromTheFirstToTheThirdMinuteOfEveryEight() {
        assertThat(statusAfterSeconds(0)).isEqualTo(200);
        assertThat(statusAfterSeconds(59)).isEqualTo(200);
        assertThat(statusAfterSeconds(60)).isEqualTo(503);
        assertThat(statusAfterSeconds(179)).isEqualTo(503);
        assertThat(statusAfterSeconds(180)).isEqualTo(200);
        // Six healthy minutes: longer than the shipped rule's 5-minute window plus its 30 s advance, so it resolves.
        assertThat(statusAfterSeconds(479)).isEqualTo(200);
        assertThat(statusAfterSeconds(480 + 60)).isEqualTo(503);
    }

    @Test
    void shouldPublishTwoValidTargetsOwnedByDemoUserCheckedEveryFiveSecondsWithThresholdThree() {
        List<Target> targets = demo.targets();
        assertThat(targets).extracting(Target::id).containsExactly("demo-healthy", "demo-flaky");
        int port = server.getAddress().getPort();
        assertThat(targets).extracting(Target::url)
                .containsExactly("http://127.0.0.1:" + port + "/healthy", "http://127.0.0.1:" + port + "/flaky");
        for (Target t : targets) {
            assertThat(t.owner()).isEqualTo("demo-user");
            assertThat(t.owners()).containsExactly("demo-user");
            assertThat(t.intervalMs()).isEqualTo(5_000);
            assertThat(t.threshold()).isEqualTo(3);
            assertThat(t.createdAt()).isNotNull();
        }
    }

    private int statusAfterSeconds(long seconds) {
        long start = 1_000_000;
        now.set(start + seconds * 1000);
        return demo.flakyStatus();
    }

    @Test
    void theServerShouldTakeItsLastPortAgainWhenFreeSoRestartsKeepTheAlertsGroups(@TempDir Path dir) throws Exception {
        Path portFile = dir.resolve("demo-uptime.port");
        HttpServer first = DemoUptime.bind(portFile);
        int port = first.getAddress().getPort();
        Files.writeString(portFile, Integer.toString(port));
        first.start(); // a server that never started keeps its socket on stop
        first.stop(0);

        HttpServer again = DemoUptime.bind(portFile);
        again.start();
        assertThat(again.getAddress().getPort()).as("the same port after a restart").isEqualTo(port);
        // While something else holds it, another port: dev still starts.
        HttpServer other = DemoUptime.bind(portFile);
        assertThat(other.getAddress().getPort()).isNotEqualTo(port);
        again.stop(0);
        other.start();
        other.stop(0);
    }
}
