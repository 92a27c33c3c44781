package io.alertstream.connectors.probe;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Checks targets with {@code java.net.http}'s asynchronous client.
 *
 * <p>Input: a target. Output: a future {@link ProbeOutcome} that completes within the target's timeout (name
 * resolution included) and never fails. Semantics: the host is resolved and checked by {@link AddressPolicy}
 * on a small pool (resolution blocks), then the request is sent without following redirects unless
 * {@code probe.follow.redirects=true}; the body is read up to {@code probe.max.body.bytes}. Timeouts, DNS and
 * TLS failures and refused connections are outcomes, never exceptions. Certificates are verified with the
 * JVM's trust store: an untrusted or expired certificate is a "tls" outcome.
 */
final class HttpProber implements Prober {
    private final HttpClient client;
    private final ExecutorService resolver;
    private final AddressPolicy addresses;
    private final int maxBodyBytes;

    HttpProber(ProbeSourceConnectorConfig config) {
        this(config, null);
    }

    /** @param sslContext null for the JVM default; tests hand in one that trusts their own CA */
    HttpProber(ProbeSourceConnectorConfig config, SSLContext sslContext) {
        this.resolver = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "probe-resolver");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(config.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(TargetParser.DEFAULT_TIMEOUT_MS));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.addresses = new AddressPolicy(config.allowPrivateNetworks());
        this.maxBodyBytes = config.maxBodyBytes();
    }

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeTarget target) {
        long started = System.nanoTime();
        CompletableFuture<ProbeOutcome> outcome;
        try {
            outcome = CompletableFuture.supplyAsync(() -> resolve(target), resolver)
                    .thenCompose(blocked -> blocked != null ? CompletableFuture.completedFuture(blocked) : send(target));
        } catch (RejectedExecutionException e) {
            // Closed while the task was stopping: not a check of the target, but still never an exception.
            return CompletableFuture.completedFuture(ProbeOutcome.failed("io", 0));
        }
        return outcome
                .orTimeout(target.timeoutMs(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> ProbeOutcome.failed(errorOf(failure), elapsedMs(started)));
    }

    /** Null when the target may be called, else the outcome that says why not. */
    private ProbeOutcome resolve(ProbeTarget target) {
        try {
            return addresses.allowed(target.url().getHost()) ? null : ProbeOutcome.failed("blocked", 0);
        } catch (UnknownHostException e) {
            return ProbeOutcome.failed("dns", 0);
        }
    }

    private CompletableFuture<ProbeOutcome> send(ProbeTarget target) {
        HttpRequest request = HttpRequest.newBuilder(target.url())
                .method(target.method(), HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMillis(target.timeoutMs()))
                .header("User-Agent", "alertstream-probe")
                .build();
        long sent = System.nanoTime();
        return client.sendAsync(request, info -> new BoundedBodySubscriber(maxBodyBytes))
                .thenApply(response -> new ProbeOutcome(response.statusCode(), elapsedMs(sent), null,
                        new String(response.body(), StandardCharsets.UTF_8), certExpiresInDays(response)));
    }

    private static Long certExpiresInDays(HttpResponse<?> response) {
        return response.sslSession().map(session -> {
            try {
                Certificate[] chain = session.getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    return Math.floorDiv(leaf.getNotAfter().getTime() - System.currentTimeMillis(), 86_400_000L);
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                // No verified peer: nothing to report.
            }
            return null;
        }).orElse(null);
    }

    /** Maps a failure to its short error code; walks the causes because the client wraps them. */
    static String errorOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
                return "timeout";
            }
            if (cause instanceof UnknownHostException) {
                return "dns";
            }
            if (cause instanceof SSLException) {
                return "tls";
            }
            if (cause instanceof ConnectException) {
                return "connect";
            }
        }
        return "io";
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        resolver.shutdownNow();
    }
}
