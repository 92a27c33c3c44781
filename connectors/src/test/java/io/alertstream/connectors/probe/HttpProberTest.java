package io.alertstream.connectors.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.alertstream.testkit.TestTls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results of real checks against a local HTTP server and an HTTPS server with a test CA: every failure
 * (timeout, DNS, TLS, refused connection, blocked address) is a result with its error code.
 */
class HttpProberTest {
    private static final long SLOT = 1_764_000_000_000L;
    @TempDir
    static Path tlsDir;
    private static HttpServer http;
    private static HttpsServer https;
    private static ExecutorService handlers;
    private static TestTls tls;

    @BeforeAll
    static void startServers() throws Exception {
        handlers = Executors.newCachedThreadPool();
        http = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        http.createContext("/ok", exchange -> answer(exchange, 200, "all good"));
        http.createContext("/fail", exchange -> answer(exchange, 500, "broken"));
        http.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302, "");
        });
        http.createContext("/to-localhost", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + http.getAddress().getPort() + "/ok");
            answer(exchange, 307, "");
        });
        http.createContext("/slow", exchange -> {
            sleep(3_000);
            answer(exchange, 200, "late");
        });
        http.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(200_000) + "END"));
        http.setExecutor(handlers);
        http.start();

        tls = TestTls.create(tlsDir);
        https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        https.createContext("/ok", exchange -> answer(exchange, 200, "secure"));
        https.setExecutor(handlers);
        https.start();
    }

    @AfterAll
    static void stopServers() {
        http.stop(0);
        https.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void a2xxShouldBeOkWithStatusLatencyAndNoCertificateForHttp() throws Exception {
        Map<String, Object> result = check(prober(true), TestTargets.target("t-ok", url("/ok"), ",\"body_contains\":\"good\""));
        assertThat(result).containsEntry("status", 200).containsEntry("ok", true).containsEntry("error", null)
                .containsEntry("cert_expires_in_days", null).containsEntry("location", "test-location")
                .containsEntry("scheduled_ms", SLOT).containsEntry("timestamp", "2025-11-24T16:00:00Z")
                .containsEntry("kind", "probe").containsEntry("target", "t-ok");
        assertThat((Long) result.get("latency_ms")).isBetween(0L, 5_000L);
    }

    @Test
    void aRedirectShouldBeTheResultNotFollowed() throws Exception {
        assertThat(check(prober(true), TestTargets.target("t-3xx", url("/redirect"), "")))
                .containsEntry("status", 302).containsEntry("ok", true);
        assertThat(check(prober(true), TestTargets.target("t-3xx", url("/redirect"),
                ",\"expected_status\":{\"min\":200,\"max\":299}")))
                .containsEntry("status", 302).containsEntry("ok", false).containsEntry("error", "unexpected-status");
    }

    @Test
    void aFollowedRedirectShouldEndAtItsTargetAndEachHopShouldPassTheAddressCheck() throws Exception {
        ProbeSourceConnectorConfig follow = config(true, true);
        assertThat(check(new HttpProber(follow), TestTargets.target("t-follow", url("/redirect"), "")))
                .containsEntry("status", 200).containsEntry("ok", true);
        // A policy that refuses the name "localhost" only: the first hop (127.0.0.1) passes, the redirect does not.
        AddressPolicy noLocalhost = new AddressPolicy(true) {
            @Override
            boolean allowed(String host) {
                return !host.equals("localhost");
            }
        };
        assertThat(check(new HttpProber(follow, null, noLocalhost), TestTargets.target("t-hop", url("/to-localhost"), "")))
                .containsEntry("status", null).containsEntry("ok", false).containsEntry("error", "blocked");
    }

    @Test
    void a5xxShouldNotBeOk() throws Exception {
        assertThat(check(prober(true), TestTargets.target("t-5xx", url("/fail"), "")))
                .containsEntry("status", 500).containsEntry("ok", false).containsEntry("error", "unexpected-status");
    }

    @Test
    void aSlowAnswerShouldBeATimeoutWithinTheTargetsTimeout() throws Exception {
        long started = System.nanoTime();
        Map<String, Object> result = check(prober(true), TestTargets.target("t-slow", url("/slow"), ",\"timeout_ms\":300"));
        assertThat(result).containsEntry("status", null).containsEntry("ok", false).containsEntry("error", "timeout");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_500);
    }

    @Test
    void anUnknownHostShouldBeADnsResult() throws Exception {
        assertThat(check(prober(true), TestTargets.target("t-dns", "http://no-such-host.invalid/", "")))
                .containsEntry("status", null).containsEntry("ok", false).containsEntry("error", "dns");
    }

    @Test
    void aRefusedConnectionShouldBeAConnectResult() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        assertThat(check(prober(true), TestTargets.target("t-refused", "http://127.0.0.1:" + closedPort + "/", "")))
                .containsEntry("status", null).containsEntry("ok", false).containsEntry("error", "connect");
    }

    @Test
    void anUntrustedCertificateShouldBeATlsResult() throws Exception {
        assertThat(check(prober(true), TestTargets.target("t-tls", httpsUrl("/ok"), "")))
                .containsEntry("status", null).containsEntry("ok", false).containsEntry("error", "tls")
                .containsEntry("cert_expires_in_days", null);
    }

    @Test
    void aTrustedHttpsServerShouldReportDaysUntilItsCertificateExpires() throws Exception {
        HttpProber trusting = new HttpProber(config(true), clientContext(), new AddressPolicy(true));
        Map<String, Object> result = check(trusting, TestTargets.target("t-https", httpsUrl("/ok"), ""));
        assertThat(result).containsEntry("status", 200).containsEntry("ok", true);
        // TestTls certificates are valid for 2 days from creation.
        assertThat((Long) result.get("cert_expires_in_days")).isBetween(1L, 2L);
    }

    @Test
    void theBodyShouldBeReadOnlyUpToTheLimit() throws Exception {
        ProbeTarget target = TestTargets.target("t-big", url("/big"), ",\"body_contains\":\"END\"");
        assertThat(check(prober(true), target)).containsEntry("status", 200).containsEntry("ok", false)
                .containsEntry("error", "body-mismatch");
    }

    @Test
    void loopbackShouldBeBlockedUnlessPrivateNetworksAreAllowed() throws Exception {
        assertThat(check(prober(false), TestTargets.target("t-private", url("/ok"), "")))
                .containsEntry("status", null).containsEntry("ok", false).containsEntry("error", "blocked");
        assertThat(AddressPolicy.isPrivate(InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThat(AddressPolicy.isPrivate(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(AddressPolicy.isPrivate(InetAddress.getByName("fd00::1"))).isTrue();
        assertThat(AddressPolicy.isPrivate(InetAddress.getByName("93.184.216.34"))).isFalse();
    }

    private static Map<String, Object> check(HttpProber prober, ProbeTarget target) throws Exception {
        try (prober) {
            ProbeOutcome outcome = prober.probe(target).get(10, TimeUnit.SECONDS);
            return ProbeResults.result(target, SLOT, outcome, "test-location");
        }
    }

    private static HttpProber prober(boolean allowPrivate) {
        return new HttpProber(config(allowPrivate));
    }

    static ProbeSourceConnectorConfig config(boolean allowPrivate) {
        return config(allowPrivate, false);
    }

    static ProbeSourceConnectorConfig config(boolean allowPrivate, boolean followRedirects) {
        return new ProbeSourceConnectorConfig(Map.of("targets.bootstrap.servers", "127.0.0.1:9",
                "probe.allow.private.networks", String.valueOf(allowPrivate), "probe.location", "test-location",
                "probe.max.body.bytes", "1024", "probe.follow.redirects", String.valueOf(followRedirects)));
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    private static String httpsUrl(String path) {
        return "https://127.0.0.1:" + https.getAddress().getPort() + path;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException e) {
                // The prober closed the connection after its body limit: expected for /big.
            }
        }
        exchange.close();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            keys.load(in, tls.password().toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, tls.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(tls.trustStore())) {
            trust.load(in, tls.password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
