package io.alertstream.connectors.probe;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
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
 * on a small pool (resolution blocks), then the request is sent; a redirect is the result unless
 * {@code probe.follow.redirects=true}, and then each hop (at most 5, http/https only) passes the same address
 * check before it is called; the body is read up to {@code probe.max.body.bytes}. Latency covers all hops. Timeouts, DNS and
 * TLS failures and refused connections are outcomes, never exceptions. Certificates are verified with the
 * JVM's trust store: an untrusted or expired certificate is a "tls" outcome.
 */
final class HttpProber implements Prober {
    private static final int MAX_REDIRECTS = 5;
    private final HttpClient client;
    private final ExecutorService resolver;
    private final AddressPolicy addresses;
    private final int maxBodyBytes;
    private final boolean followRedirects;

    HttpProber(ProbeSourceConnectorConfig config) {
        this(config, null, new AddressPolicy(config.allowPrivateNetworks()));
    }

    /**
     * @param sslContext null for the JVM default; tests hand in one that trusts their own CA
     * @param addresses the address check of every host called, redirect targets included
     */
    HttpProber(ProbeSourceConnectorConfig config, SSLContext sslContext, AddressPolicy addresses) {
        this.resolver = Executors.newFixedThreadPool(config.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "probe-resolver");
            thread.setDaemon(true);
            return thread;
        });
        // The client never follows redirects itself: each hop's host must pass the address check first.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofMillis(TargetParser.DEFAULT_TIMEOUT_MS));
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.client = builder.build();
        this.addresses = addresses;
        this.maxBodyBytes = config.maxBodyBytes();
        this.followRedirects = config.followRedirects();
    }

    @Override
    public CompletableFuture<ProbeOutcome> probe(ProbeTarget target) {
        long started = System.nanoTime();
        CompletableFuture<ProbeOutcome> outcome;
        try {
            outcome = call(target.url(), target.method(), target, started, 0);
        } catch (RejectedExecutionException e) {
            // Closed while the task was stopping: not a check of the target, but still never an exception.
            return CompletableFuture.completedFuture(ProbeOutcome.failed("io", 0));
        }
        return outcome
                .orTimeout(target.timeoutMs(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> ProbeOutcome.failed(errorOf(failure), elapsedMs(started)));
    }

    /** Checks the host of {@code url}, sends, and follows a redirect (when configured) the same way. */
    private CompletableFuture<ProbeOutcome> call(URI url, String method, ProbeTarget target, long started, int hops) {
        return CompletableFuture.supplyAsync(() -> resolve(url), resolver).thenCompose(blocked -> {
            if (blocked != null) {
                return CompletableFuture.completedFuture(blocked);
            }
            return send(url, method, target, started).thenCompose(response -> {
                URI next = followRedirects && hops < MAX_REDIRECTS ? redirectTarget(url, response) : null;
                if (next == null) {
                    return CompletableFuture.completedFuture(outcome(response, started));
                }
                // 303, and 301/302 as browsers do, turn into GET; 307/308 keep the method.
                int status = response.statusCode();
                String nextMethod = status == 307 || status == 308 ? method : "GET";
                return call(next, nextMethod, target, started, hops + 1);
            });
        });
    }

    /** Null when the URL's host may be called, else the outcome that says why not. */
    private ProbeOutcome resolve(URI url) {
        try {
            return addresses.allowed(url.getHost()) ? null : ProbeOutcome.failed("blocked", 0);
        } catch (UnknownHostException e) {
            return ProbeOutcome.failed("dns", 0);
        }
    }

    private CompletableFuture<HttpResponse<byte[]>> send(URI url, String method, ProbeTarget target, long started) {
        long left = target.timeoutMs() - elapsedMs(started);
        HttpRequest request = HttpRequest.newBuilder(url)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofMillis(Math.max(1, left)))
                .header("User-Agent", "alertstream-probe")
                .build();
        return client.sendAsync(request, info -> new BoundedBodySubscriber(maxBodyBytes));
    }

    private static ProbeOutcome outcome(HttpResponse<byte[]> response, long started) {
        return new ProbeOutcome(response.statusCode(), elapsedMs(started), null,
                new String(response.body(), StandardCharsets.UTF_8), certExpiresInDays(response));
    }

    /** The absolute http(s) URL a 301/302/303/307/308 points to, or null (not a redirect, or nowhere to go). */
    static URI redirectTarget(URI from, HttpResponse<?> response) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        return response.headers().firstValue("Location").map(location -> {
            try {
                URI next = from.resolve(new URI(location));
                String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
                boolean allowed = (scheme.equals("http") || scheme.equals("https")) && next.getHost() != null
                        && next.getRawUserInfo() == null;
                return allowed ? next : null;
            } catch (URISyntaxException | IllegalArgumentException e) {
                return null;
            }
        }).orElse(null);
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
